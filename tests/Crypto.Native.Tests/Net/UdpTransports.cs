using System.Net;
using Gateway.Crypto.Native.Net;

namespace Gateway.Crypto.Native.Tests.Net;

/// <summary>Theory data and helpers: every test runs on the native socket and on its managed twin.</summary>
public static class UdpTransports
{
    public const string Native = "native";
    public const string Managed = "managed";

    public static TheoryData<string> All => [Native, Managed];

    /// <summary>Opens a transport of <paramref name="kind"/> on 127.0.0.1 or <paramref name="address"/> (skips the test when native is unavailable).</summary>
    public static IUdpBatchTransport Open(string kind, UdpSocketOptions options = UdpSocketOptions.None, IPAddress? address = null)
    {
        var local = new IPEndPoint(address ?? IPAddress.Loopback, 0);
        if (kind == Native)
        {
            if (!UdpBatchSocket.IsSupported)
            {
                Assert.Skip("libgateway_native batch UDP I/O is not available here");
            }

            return UdpBatchSocket.Open(local, options);
        }

        return ManagedUdpBatchSocket.Open(local, options);
    }

    /// <summary>Receives until <paramref name="want"/> datagrams arrived or two seconds passed; returns how many.</summary>
    public static int ReceiveAll(IUdpBatchTransport transport, Span<UdpDatagram> datagrams, int want)
    {
        int total = 0;
        long deadline = Environment.TickCount64 + 2000;
        while (total < want && Environment.TickCount64 < deadline)
        {
            int got = transport.ReceiveBatch(datagrams[total..want]);
            Assert.True(got >= 0, $"ReceiveBatch failed: {got}");
            total += got;
            if (got == 0)
            {
                Thread.Sleep(1);
            }
        }

        return total;
    }
}
