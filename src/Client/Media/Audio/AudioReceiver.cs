using Gateway.Client.Statistics;
using Gateway.Codecs.Opus;
using Gateway.Rtp.Packets;

namespace Gateway.Client.Media.Audio;

/// <summary>
/// One remote audio track's receive path: sequence accounting (loss, duplicates), RFC 3550 jitter, end-to-end
/// decryption and latency, then a reorder buffer that releases frames in sequence order to the Opus decoder. A missing
/// frame is waited for until <see cref="ReceiveContext.JitterBufferFrames"/> later ones have arrived; then it is
/// concealed (Opus PLC), and if it still arrives afterwards it counts as late. Every buffer is preallocated: nothing
/// here allocates per packet, but Concentus (the managed Opus) allocates inside each decode.
/// </summary>
internal sealed class AudioReceiver
{
    private const int Slots = 64;
    private const int SlotBytes = 1500;

    /// <summary>A gap longer than this is a sender restart, not loss to conceal frame by frame.</summary>
    private const int MaxConcealRun = 50;

    private readonly RemoteTrack _track;
    private readonly ReceiveContext _context;
    private readonly RemoteTrackStatistics _stats;
    private readonly OpusAudioDecoder? _decoder;
    private readonly byte[] _slotData = new byte[Slots * SlotBytes];
    private readonly int[] _slotLength = new int[Slots];
    private readonly long[] _slotSequence = new long[Slots];
    private readonly byte[] _scratch = new byte[SlotBytes + 256];
    private readonly short[] _pcm = new short[RtpFormats.SamplesPerFrame * 2];
    private ArrivalTracker _arrivals = new(RtpFormats.OpusClockRate);
    private long _next = -1;
    private long _highest = -1;

    public AudioReceiver(RemoteTrack track, ReceiveContext context)
    {
        _track = track;
        _context = context;
        _stats = track.Statistics;

        // Only a decoded track gets a decoder: a Concentus decoder is some kilobytes, and a load generator may receive a thousand tracks.
        _decoder = context.Decodes(track.Ssrc) ? new OpusAudioDecoder() : null;
        Array.Fill(_slotSequence, -1);
    }

    public void OnPacket(RtpPacket packet, long arrivalTimestamp)
    {
        long extended = _arrivals.Accept(packet.SequenceNumber, packet.Timestamp, arrivalTimestamp, _stats);
        if (extended < 0)
        {
            return;
        }

        if (!FrameOpener.TryOpen(packet.Payload, _track.Ssrc, _track.EndToEndEncrypted, _context, _stats, _scratch, out ReadOnlySpan<byte> frame))
        {
            return;
        }

        if (frame.IsEmpty || frame.Length > SlotBytes)
        {
            _context.Statistics.CountMalformed();
            return;
        }

        _stats.Frames++;
        if (_next < 0)
        {
            _next = extended;
        }

        if (extended < _next)
        {
            // Its turn has passed: it was concealed already.
            _stats.Late++;
            return;
        }

        if (extended - _next >= Slots)
        {
            // Far ahead of playout (a long gap or a restart): give up on what is missing in between.
            Resync(extended);
        }

        int slot = (int)(extended % Slots);
        _slotSequence[slot] = extended;
        _slotLength[slot] = frame.Length;
        frame.CopyTo(_slotData.AsSpan(slot * SlotBytes, SlotBytes));
        _highest = Math.Max(_highest, extended);
        Drain();
    }

    private void Drain()
    {
        while (_next <= _highest)
        {
            int slot = (int)(_next % Slots);
            if (_slotSequence[slot] == _next)
            {
                _slotSequence[slot] = -1;
                Play(slot);
            }
            else if (_highest - _next >= _context.JitterBufferFrames)
            {
                Conceal();
            }
            else
            {
                return;
            }

            _next++;
        }
    }

    private void Play(int slot)
    {
        if (_decoder is null)
        {
            return;
        }

        if (_decoder.Decode(_slotData.AsSpan(slot * SlotBytes, _slotLength[slot]), _pcm, out int samples) == OpusStatus.Ok && samples > 0)
        {
            _stats.Decoded++;
            _context.AudioSink?.OnAudioFrame(_track, _pcm.AsSpan(0, samples), concealed: false);
        }
        else
        {
            _context.Statistics.CountMalformed();
        }
    }

    private void Conceal()
    {
        _stats.Concealed++;
        if (_decoder is null)
        {
            return;
        }

        if (_decoder.Conceal(_pcm) == OpusStatus.Ok)
        {
            _context.AudioSink?.OnAudioFrame(_track, _pcm.AsSpan(0, RtpFormats.SamplesPerFrame), concealed: true);
        }
    }

    private void Resync(long extended)
    {
        long target = extended - (Slots / 2);
        int concealed = 0;
        while (_next < target)
        {
            int slot = (int)(_next % Slots);
            if (_slotSequence[slot] == _next)
            {
                _slotSequence[slot] = -1;
                Play(slot);
            }
            else if (concealed++ < MaxConcealRun)
            {
                Conceal();
            }

            _next++;
        }
    }
}
