using System.Security.Cryptography;
using Gateway.Rtp.Srtp;

namespace Gateway.Rtp.Sdp;

/// <summary>
/// An SDES crypto attribute (RFC 4568 §9.1): <c>a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; inline:&lt;key||salt&gt;[|&lt;lifetime&gt;]</c>.
/// Holds the master key and salt: not a record, so it never prints them; <see cref="ToString"/> shows the
/// tag and suite only. Whoever is done with it calls <see cref="Clear"/>.
/// </summary>
public sealed class SdpCrypto
{
    /// <summary>A crypto attribute of a suite this library implements, with its key and salt (the array is kept, not copied).</summary>
    public SdpCrypto(int tag, SrtpProfile profile, byte[] keyAndSalt, string? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(keyAndSalt);
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        if (keyAndSalt.Length != profile.MasterKeyLength() + profile.MasterSaltLength())
        {
            throw new ArgumentException($"{profile.SdesName()} needs {profile.MasterKeyLength() + profile.MasterSaltLength()} bytes of key and salt, not {keyAndSalt.Length}.", nameof(keyAndSalt));
        }

        Tag = tag;
        Suite = profile.SdesName();
        Profile = profile;
        KeyAndSalt = keyAndSalt;
        Lifetime = lifetime;
    }

    /// <summary>A crypto attribute of a suite this library does not implement: kept by name only, its key parameters unread.</summary>
    public SdpCrypto(int tag, string suite)
    {
        ArgumentException.ThrowIfNullOrEmpty(suite);
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        Tag = tag;
        Suite = suite;
        KeyAndSalt = [];
    }

    /// <summary>The tag (1–9 digits) that the answer repeats for the suite it accepts.</summary>
    public int Tag { get; }

    /// <summary>The crypto-suite name as offered.</summary>
    public string Suite { get; }

    /// <summary>The SRTP profile the suite names, or null when it is not one this library implements.</summary>
    public SrtpProfile? Profile { get; }

    /// <summary>Whether the suite is one this library implements (then <see cref="KeyAndSalt"/> is checked and set).</summary>
    public bool IsSupported => Profile is not null;

    /// <summary>The master key followed by the master salt (empty for an unsupported suite).</summary>
    public byte[] KeyAndSalt { get; }

    /// <summary>The key lifetime as offered ("2^31" or a decimal count), or null.</summary>
    public string? Lifetime { get; }

    /// <summary>The line it was read from (1-based), 0 when it was not parsed.</summary>
    public int LineNumber { get; init; }

    /// <summary>Wipes the key and salt.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(KeyAndSalt);

    /// <summary>The tag and suite, never the key.</summary>
    public override string ToString() => $"a=crypto:{Tag} {Suite} inline:<redacted>";
}
