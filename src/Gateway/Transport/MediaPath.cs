namespace Gateway.Transport;

/// <summary>
/// Where a participant's packets come from and go to: a UDP address on the shared media port, or a
/// framed (TCP) connection. A value, so the router keeps it per participant and the sink takes it per packet.
/// </summary>
public readonly struct MediaPath : IEquatable<MediaPath>
{
    /// <summary>A UDP path.</summary>
    public MediaPath(RemoteAddress address)
    {
        Address = address;
        Connection = null;
    }

    /// <summary>A framed (TCP) path.</summary>
    public MediaPath(IFramedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Address = connection.RemoteAddress;
        Connection = connection;
    }

    /// <summary>The remote UDP address (for a framed path: the TCP peer's address, informational).</summary>
    public RemoteAddress Address { get; }

    /// <summary>The framed connection, or null for UDP.</summary>
    public IFramedConnection? Connection { get; }

    /// <summary>Whether packets travel over a framed connection.</summary>
    public bool IsFramed => Connection is not null;

    /// <summary>Whether packets can be sent on this path.</summary>
    public bool IsSet => Connection is not null || Address.IsSet;

    /// <inheritdoc/>
    public bool Equals(MediaPath other) => ReferenceEquals(Connection, other.Connection) && Address == other.Address;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MediaPath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Connection is null ? Address.GetHashCode() : Connection.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Connection is null ? $"udp {Address}" : $"tcp#{Connection.Id} {Address}";

    /// <summary>Equality.</summary>
    public static bool operator ==(MediaPath left, MediaPath right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(MediaPath left, MediaPath right) => !left.Equals(right);
}
