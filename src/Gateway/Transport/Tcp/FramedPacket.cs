namespace Gateway.Transport.Tcp;

/// <summary>A frame read from an RFC 4571 connection, on its way to the owning worker: a pooled buffer (ArrayPool) the worker returns.</summary>
internal readonly record struct FramedPacket(FramedTcpConnection Connection, byte[] Buffer, int Length, long ReceivedTimestamp);
