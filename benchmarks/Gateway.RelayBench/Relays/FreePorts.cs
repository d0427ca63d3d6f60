using System.Net;
using System.Net.Sockets;

namespace Gateway.RelayBench.Relays;

/// <summary>Ports free on 127.0.0.1 for both UDP and TCP right now (bound together, then released).</summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var held = new List<Socket>();
        var ports = new List<int>();
        try
        {
            while (ports.Count < count)
            {
                var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                held.Add(udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
                var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                held.Add(tcp);
                try
                {
                    tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }
                catch (SocketException)
                {
                    continue;
                }

                ports.Add(port);
            }

            return [.. ports];
        }
        finally
        {
            foreach (Socket s in held)
            {
                s.Dispose();
            }
        }
    }
}
