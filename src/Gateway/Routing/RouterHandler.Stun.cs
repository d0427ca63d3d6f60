using Gateway.Rtp.Stun;
using Gateway.Transport;

namespace Gateway.Routing;

/// <summary>
/// STUN: the gateway is an ICE-lite agent (RFC 8445 §2.5). A Binding request whose USERNAME starts with a
/// participant's gateway ufrag is answered with that participant's credentials; once its MESSAGE-INTEGRITY
/// verifies, the participant's path latches to the request's source. Unauthenticated requests get no answer
/// (no reflection towards forged sources).
/// </summary>
internal sealed partial class RouterHandler
{
    private void OnStun(Span<byte> packet, in MediaPath source, long now, IMediaSink sink)
    {
        Participant? participant = _router.FindByStunUsername(packet);
        if (participant is null || !participant.Active || participant.Meeting.Worker != _worker || !source.Address.IsSet)
        {
            _counters.Drop(MediaDropReason.UnknownSource);
            return;
        }

        bool own = participant.Path == source;
        if (!(own ? participant.Bucket.TryTake(now) : participant.LatchBucket.TryTake(now)))
        {
            _counters.Drop(MediaDropReason.RateLimited);
            return;
        }

        Span<byte> sockaddr = stackalloc byte[28];
        int sockaddrLength = source.Address.WriteSockaddr(sockaddr);
        ushort port = (ushort)source.Address.Port;
        StunAddress address = sockaddrLength == 16
            ? StunAddress.FromIPv4(sockaddr.Slice(4, 4), port)
            : StunAddress.FromIPv6(sockaddr.Slice(8, 16), port);
        Span<byte> response = sink.Reserve();
        IceLiteResult result = participant.Ice.Respond(packet, address, response, out IceLiteBinding binding);
        switch (result)
        {
            case IceLiteResult.Responded:
                sink.Commit(binding.ResponseLength, source, now);
                if (!own)
                {
                    _router.Latch(participant, source);
                }

                participant.MediaLatched = true;
                break;
            case IceLiteResult.UnknownAttributes or IceLiteResult.RoleConflict:
                sink.Commit(binding.ResponseLength, source, now);
                break;
            case IceLiteResult.BadIntegrity or IceLiteResult.BadUsername:
                _counters.Drop(MediaDropReason.AuthFailed);
                break;
            case IceLiteResult.NotBindingRequest:
                // Keepalive indications (RFC 8445 §11): nothing to answer, nothing wrong.
                break;
            default:
                _counters.Drop(MediaDropReason.Malformed);
                break;
        }
    }
}
