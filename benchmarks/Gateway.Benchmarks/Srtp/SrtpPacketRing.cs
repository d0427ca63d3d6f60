using Gateway.Benchmarks.Infrastructure;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Srtp;

/// <summary>
/// <see cref="Packets"/> SRTP packets with consecutive sequence numbers, protected once in setup, and a
/// working buffer: the unprotect suites copy the next pristine packet into the working buffer and
/// unprotect it there, so every call sees a fresh packet with a new index (no replay rejection).
/// </summary>
/// <remarks>
/// The packets are protected by libsrtp; <see cref="SrtpCrossCheck"/> has shown that ours writes the
/// same bytes. After the last packet the ring starts again, and the index goes back: the caller starts a
/// fresh inbound session then (both sides do, once per <see cref="Packets"/> calls).
/// </remarks>
internal sealed class SrtpPacketRing : IDisposable
{
    /// <summary>Packets in the ring: a fresh session every 4096 packets keeps its cost well under 1 ns a packet.</summary>
    public const int Packets = 4096;

    private const int MaxTagLength = 16;

    private readonly NativeBuffer _ring;
    private readonly NativeBuffer _work;
    private readonly int _stride;
    private int _next;

    public SrtpPacketRing(SrtpProfile profile, int payloadLength)
    {
        int plain = SrtpInputs.HeaderLength + payloadLength;

        // Ring slots hold a protected packet (at most a 16-byte tag), 64-byte aligned like the working buffer.
        _stride = (plain + MaxTagLength + 63) & ~63;
        _ring = new NativeBuffer(Packets * _stride);
        _work = new NativeBuffer(plain + SrtpInputs.Room);
        using LibsrtpSession protector = LibsrtpSession.Create(
            SrtpInputs.ToLibsrtp(profile), SrtpInputs.MasterKey(profile), SrtpInputs.MasterSalt(profile), LibsrtpDirection.Outbound);
        for (int i = 0; i < Packets; i++)
        {
            SrtpInputs.WritePacket(_work.Span, (ushort)(i + 1), payloadLength);
            LibsrtpStatus status = protector.ProtectRtp(_work.Span, plain, out int length);
            if (status != LibsrtpStatus.Ok || length > plain + MaxTagLength || (ProtectedLength != 0 && length != ProtectedLength))
            {
                throw new InvalidOperationException($"libsrtp failed to protect ring packet {i}: {status}");
            }

            ProtectedLength = length;
            _work.Slice(0, length).CopyTo(_ring.Slice(i * _stride, _stride));
        }
    }

    /// <summary>The length of every protected packet (header, payload, tag).</summary>
    public int ProtectedLength { get; }

    /// <summary>The working buffer (the length of a packet plus libsrtp's trailer room).</summary>
    public Span<byte> Work => _work.Span;

    /// <summary>
    /// Copies the next pristine packet into <see cref="Work"/>; true when it is the first of a new pass,
    /// i.e. the caller must unprotect it with a fresh session.
    /// </summary>
    public bool RestoreNext()
    {
        bool wrapped = _next == Packets;
        if (wrapped)
        {
            _next = 0;
        }

        _ring.Slice(_next * _stride, ProtectedLength).CopyTo(_work.Span);
        _next++;
        return wrapped;
    }

    public void Dispose()
    {
        _ring.Dispose();
        _work.Dispose();
    }
}
