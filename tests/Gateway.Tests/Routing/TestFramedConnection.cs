using System.Net;
using Gateway.Transport;

namespace Gateway.Tests.Routing;

/// <summary>An <see cref="IFramedConnection"/> test double: a TCP connection as the router sees it (an identity).</summary>
internal sealed class TestFramedConnection(long id) : IFramedConnection
{
    public long Id => id;

    public RemoteAddress RemoteAddress { get; } = RemoteAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 30_000 + (int)id));

    public bool IsOpen => true;
}
