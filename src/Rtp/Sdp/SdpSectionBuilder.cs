namespace Gateway.Rtp.Sdp;

/// <summary>The lines of one section (the session, or one m= section) while <see cref="SdpParser"/> reads them.</summary>
internal sealed class SdpSectionBuilder
{
    public SdpSectionBuilder(bool isSession) => IsSession = isSession;

    public bool IsSession { get; }

    public string Media { get; set; } = "";

    public int Port { get; set; }

    public string Protocol { get; set; } = "";

    public List<string> Formats { get; } = [];

    public int LineNumber { get; set; }

    public SdpConnection? Connection { get; set; }

    public string? Mid { get; set; }

    public bool RtcpMux { get; set; }

    public SdpDirection? Direction { get; set; }

    public bool IceLite { get; set; }

    public string? E2ee { get; set; }

    public string? IceUfrag { get; set; }

    public string? IcePassword { get; set; }

    public string? Setup { get; set; }

    public List<SdpRtpmap> RtpMaps { get; } = [];

    public List<SdpExtmap> Extmaps { get; } = [];

    public List<SdpCrypto> Crypto { get; } = [];

    public List<SdpSsrc> Ssrcs { get; } = [];

    public List<SdpSsrcGroup> SsrcGroups { get; } = [];

    public List<SdpAttributeLine> Other { get; } = [];

    public int AttributeCount { get; set; }

    public int SsrcLineCount { get; set; }

    public SdpMediaDescription ToMedia() => new()
    {
        Media = Media,
        Port = Port,
        Protocol = Protocol,
        Formats = [.. Formats],
        Connection = Connection,
        Mid = Mid,
        RtcpMux = RtcpMux,
        Direction = Direction,
        RtpMaps = [.. RtpMaps],
        Extmaps = [.. Extmaps],
        Crypto = [.. Crypto],
        Ssrcs = [.. Ssrcs],
        SsrcGroups = [.. SsrcGroups],
        IceUfrag = IceUfrag,
        IcePassword = IcePassword,
        Setup = Setup,
        OtherAttributes = [.. Other],
        LineNumber = LineNumber,
    };

    /// <summary>Wipes the keys read so far (the parse failed: nobody else will see them).</summary>
    public void ClearKeys()
    {
        foreach (SdpCrypto crypto in Crypto)
        {
            crypto.Clear();
        }
    }
}
