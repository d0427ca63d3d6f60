using System.Globalization;
using System.Net;

namespace Gateway.RelayBench.Relays;

/// <summary>What the driver needs from the gateway's SDP answer: its media address and its a=crypto key.</summary>
internal sealed record SdpAnswer(IPEndPoint Media, byte[] KeyAndSalt)
{
    public static SdpAnswer Parse(string sdp)
    {
        IPAddress? address = null;
        int port = -1;
        byte[]? key = null;
        foreach (string raw in sdp.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("c=IN IP4 ", StringComparison.Ordinal) || line.StartsWith("c=IN IP6 ", StringComparison.Ordinal))
            {
                address = IPAddress.Parse(line[9..].Split('/')[0].Trim());
            }
            else if (line.StartsWith("m=", StringComparison.Ordinal) && port < 0)
            {
                port = int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("a=crypto:", StringComparison.Ordinal) && key is null)
            {
                int inline = line.IndexOf("inline:", StringComparison.Ordinal);
                if (inline >= 0)
                {
                    // inline:<key||salt>[|lifetime][|MKI:length] (RFC 4568 §6.1); the session parameters follow a space.
                    string value = line[(inline + 7)..].Split(' ')[0].Split('|')[0];
                    key = Convert.FromBase64String(value);
                }
            }
        }

        if (address is null || port <= 0 || key is null)
        {
            throw new FormatException($"the SDP answer lacks c=, m= or a=crypto:{Environment.NewLine}{sdp}");
        }

        return new SdpAnswer(new IPEndPoint(address, port), key);
    }
}
