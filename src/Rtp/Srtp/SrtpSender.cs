using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gateway.Crypto.Native;
using Gateway.Crypto.Native.Replay;
using Gateway.Rtp.Packets;

namespace Gateway.Rtp.Srtp;

/// <summary>
/// One SSRC of an outbound <see cref="SrtpSession"/>, found once (<see cref="SrtpSession.OpenSender"/>) for a
/// sender that protects many packets of it: a relay re-protecting one publisher's stream for a subscriber.
/// <see cref="Protect"/> makes exactly what <see cref="SrtpSession.ProtectRtp(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/>
/// makes of the same packet and shares the stream's state (ROC, the indices sent) with the session, so the two may
/// be mixed; it skips what the session does per call to find the stream (a search of its SSRCs, a second parse of
/// the header), which at one call per subscriber per packet is most of the session's own cost beside the cipher.
/// </summary>
/// <remarks>
/// A packet whose header carries another SSRC, and any call after the session's streams were removed
/// (<see cref="SrtpSession.RemoveStream"/>), goes through the session's own path: the result is the same, only slower.
/// Not thread-safe, like its session.
/// </remarks>
public sealed class SrtpSender
{
    private readonly SrtpSession _session;
    private readonly SrtpCipher _cipher;
    private readonly ReplayWindow _window;
    private readonly uint _ssrc;
    private readonly int _generation;

    // AEAD with encrypted payloads (RFC 7714): the key and salt held here, so that a packet is sealed from this object
    // and the key's, rather than through the cipher's too — one dependent load fewer per packet and subscriber.
    private readonly AesContext? _aeadKey;
    private readonly ulong _saltHigh;
    private readonly uint _saltLow;

    // What a protect reads beyond the objects above, named at open so Prefetch reaches it from this object alone.
    private readonly PrefetchTarget _windowBitmap;
    private readonly PrefetchTarget _keySchedule;

    internal SrtpSender(SrtpSession session, SrtpCipher cipher, SrtpStream stream, int generation)
    {
        _session = session;
        _cipher = cipher;
        _window = stream.Window;
        _ssrc = stream.Ssrc;
        _generation = generation;
        TagLength = cipher.RtpTagLength;
        _windowBitmap = _window.Bitmap;
        if (cipher is AeadAesGcmCipher { EncryptRtp: true } aead)
        {
            _aeadKey = aead.RtpKey;
            (_saltHigh, _saltLow) = aead.RtpSalt;
            _keySchedule = _aeadKey.KeySchedule;
        }
    }

    /// <summary>The SSRC this stream protects.</summary>
    public uint Ssrc => _ssrc;

    /// <summary>Bytes protecting adds to a packet: the tag.</summary>
    public int TagLength { get; }

    /// <summary>
    /// Asks for what <see cref="Protect"/> reads besides this object — the session's state, the stream's window and its
    /// bitmap, the key and its schedule, all named by this object's own fields — so that a loop over many senders can
    /// have them fetched together before it protects with the first (a hint: see <see cref="CachePrefetch"/>).
    /// </summary>
    public void Prefetch()
    {
        CachePrefetch.Instance(_session);
        CachePrefetch.Instance(_window);
        CachePrefetch.Instance(_aeadKey);
        _windowBitmap.Prefetch();
        _keySchedule.Prefetch();
    }

    /// <summary>
    /// Protects an RTP packet of this SSRC assembled out of place, as the session's
    /// <see cref="SrtpSession.ProtectRtp(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/>: <paramref name="header"/>
    /// (a whole RTP header) is copied to the start of <paramref name="buffer"/>, or, when empty, the header is already
    /// there; <paramref name="payload"/> is encrypted after it and the tag appended. Neither may overlap the buffer.
    /// </summary>
    /// <returns>
    /// Ok with <paramref name="protectedLength"/>; else TooShort, Malformed, BufferTooSmall, Replayed (this index was
    /// protected already), TooOld or KeyLimitReached, with nothing changed.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    /// <exception cref="InvalidOperationException">The session unprotects (it is inbound).</exception>
    public SrtpResult Protect(Span<byte> buffer, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, out int protectedLength)
    {
        protectedLength = 0;
        ReadOnlySpan<byte> headerBytes = header.IsEmpty ? buffer : header;
        if (headerBytes.Length < RtpHeader.FixedLength || BinaryPrimitives.ReadUInt32BigEndian(headerBytes[8..]) != _ssrc ||
            _session.StreamGeneration != _generation)
        {
            // Another SSRC, too short to say, or a table that changed: the session's path decides (and finds the stream).
            return _session.ProtectRtp(buffer, header, payload, out protectedLength);
        }

        _session.UseForProtect();
        if ((headerBytes[0] >> 6) != RtpHeader.Version)
        {
            return SrtpResult.Malformed;
        }

        if (!RtpHeader.TryGetLength(headerBytes, out int headerLength))
        {
            return SrtpResult.TooShort;
        }

        if (!header.IsEmpty)
        {
            if (headerLength != header.Length)
            {
                return SrtpResult.Malformed;
            }

            if (header.Length > buffer.Length)
            {
                return SrtpResult.BufferTooSmall;
            }

            if (header.Overlaps(buffer))
            {
                throw new ArgumentException("The header must not overlap the buffer it is copied into.", nameof(header));
            }
        }

        int end = headerLength + payload.Length;
        if (buffer.Length - TagLength < end)
        {
            return SrtpResult.BufferTooSmall;
        }

        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(headerBytes[2..]);
        SrtpResult result = SrtpSession.IndexOf(_window, sequence, out ulong index);
        if (result != SrtpResult.Ok)
        {
            return result;
        }

        if (_aeadKey is not null && payload.Overlaps(buffer))
        {
            throw new ArgumentException("The payload must not overlap the buffer it is encrypted into.", nameof(payload));
        }

        // Recorded before sealing, as the session does: sealing cannot fail, and the index is never used twice.
        _window.Accept(index);
        CopyHeader(header, buffer);
        protectedLength = end + TagLength;
        if (_aeadKey is not null)
        {
            Seal(buffer, header.IsEmpty ? buffer : header, headerLength, payload, index);
        }
        else
        {
            _cipher.ProtectRtp(buffer[..protectedLength], headerLength, header, payload, _ssrc, index);
        }

        return SrtpResult.Ok;
    }

    /// <summary>
    /// <paramref name="header"/> to the start of <paramref name="buffer"/> (which has room: checked): headers of up to
    /// 32 bytes (the fixed 12, with a CSRC or a short extension) as two overlapping moves, not a call to memmove.
    /// </summary>
    private static void CopyHeader(ReadOnlySpan<byte> header, Span<byte> buffer)
    {
        int length = header.Length;
        ref byte source = ref MemoryMarshal.GetReference(header);
        ref byte target = ref MemoryMarshal.GetReference(buffer);
        if (length >= 8 && length <= 16)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ulong>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8)));
        }
        else if (length > 16 && length <= 32)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<Vector128<byte>>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 16), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref source, length - 16)));
        }
        else
        {
            header.CopyTo(buffer);
        }
    }

    /// <summary>RFC 7714 §8.2: the payload sealed into the buffer after the header, the header (read from <paramref name="aad"/>) authenticated, the tag after.</summary>
    private unsafe void Seal(Span<byte> buffer, ReadOnlySpan<byte> aad, int headerLength, ReadOnlySpan<byte> payload, ulong index)
    {
        AeadAesGcmCipher.RtpNonce nonce = new(_saltHigh, _saltLow, _ssrc, index);
        fixed (byte* packet = &MemoryMarshal.GetReference(buffer))
        fixed (byte* header = &MemoryMarshal.GetReference(aad))
        fixed (byte* source = &MemoryMarshal.GetReference(payload))
        {
            _aeadKey!.SealGcm((byte*)&nonce, header, headerLength, source, packet + headerLength, payload.Length, packet + headerLength + payload.Length);
        }
    }
}
