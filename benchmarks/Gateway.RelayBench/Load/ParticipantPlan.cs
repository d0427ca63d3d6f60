namespace Gateway.RelayBench.Load;

/// <summary>One simulated participant: its socket, its SRTP keys (hex of master key || salt) and what it publishes.</summary>
internal sealed class ParticipantPlan
{
    public int Index { get; set; }

    public int Meeting { get; set; }

    /// <summary>The local UDP port (127.0.0.1) the participant sends from and receives on.</summary>
    public int LocalPort { get; set; }

    public uint Ssrc { get; set; }

    public bool Publish { get; set; }

    /// <summary>RTP payload bytes per packet (without header and tag).</summary>
    public int PayloadSize { get; set; }

    public double PacketsPerSecond { get; set; }

    /// <summary>Packets sent back to back once that many are due (a video frame's fragments; 1 for audio).</summary>
    public int BurstPackets { get; set; } = 1;

    /// <summary>AEAD_AES_128_GCM master key || salt (28 bytes, hex) for what this participant sends.</summary>
    public string SendKey { get; set; } = "";

    /// <summary>AEAD_AES_128_GCM master key || salt (28 bytes, hex) for what the relay sends to this participant.</summary>
    public string ReceiveKey { get; set; } = "";
}
