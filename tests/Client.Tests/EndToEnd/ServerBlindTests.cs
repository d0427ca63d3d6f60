using System.Reflection;
using Gateway.Auth;
using Gateway.Client.Api;
using Gateway.Client.Encryption;
using Gateway.Client.Join;
using Gateway.Client.Media;
using Gateway.Client.Statistics;
using Gateway.Client.Tests.Infrastructure;
using Gateway.Client.Tests.Media;
using Gateway.Codecs.Quality;
using Gateway.E2ee.Keys;
using Gateway.E2ee.SFrame;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Client.Tests.EndToEnd;

/// <summary>
/// The gateway carries an end-to-end encrypted meeting without being able to read it (issue 5, "server-blindness,
/// tested"): a real node with a <c>required</c> room, real clients over loopback running the key exchange through the
/// relay, a join and the leader's leave mid-meeting (hand-over). Every participant decodes every other's audio in every epoch; no key byte
/// sequence of the meeting appears in anything the gateway could see; the media payloads it forwarded do not decrypt
/// without the epoch key; and the gateway assembly does not reference the E2EE code.
/// </summary>
public sealed class ServerBlindTests
{
    private const int FramesPerPhase = 25;
    private const double MinimumSnrDb = 20;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task E2eeMeeting_WithAJoinAndTheLeaderLeaving_IsHeardByEveryone_AndTheGatewaySeesNoKey()
    {
        // A node of its own, logging everything it would ever log, so its log holds this meeting only.
        await using RunningNode node = await RunningNode.StartAsync("--Logging:LogLevel:Default=Trace");
        var traffic = new RecordingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(traffic) { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var client = new GatewayClient(http, false);
        AccessTokenIssuer issuer = node.Service<AccessTokenIssuer>();
        const string room = "blind";
        await client.CreateRoomAsync(issuer.Issue("ops", "*", AccessTokenGrants.Admin, TimeSpan.FromHours(1)), new RoomOptions(room) { E2ee = E2eePolicy.Required }, Cancel);

        await using var meeting = new BlindMeeting(client, issuer, room);
        try
        {
            // Epoch of three; a fourth joins (new epoch); the leader leaves (hand-over, new epoch).
            await meeting.JoinAsync(0);
            await meeting.JoinAsync(1);
            await meeting.JoinAsync(2);
            await meeting.RunPhaseAsync();
            await meeting.JoinAsync(3);
            await meeting.RunPhaseAsync();
            // The leader (the first to join) leaves: the next one takes over and starts a new epoch; the code changes.
            string? codeBefore = meeting.SecurityCodeOf(1);
            await meeting.LeaveAsync(0);
            await meeting.RunPhaseAsync();
            Assert.NotEqual(codeBefore, meeting.SecurityCodeOf(1));

            // A new epoch on every join and leave: each phase ran in a later epoch than the one before.
            Assert.Equal(3, meeting.PhaseEpochs.Count);
            Assert.True(meeting.PhaseEpochs[0] < meeting.PhaseEpochs[1] && meeting.PhaseEpochs[1] < meeting.PhaseEpochs[2], string.Join(", ", meeting.PhaseEpochs));

            // One who left cannot read later media; one who joined cannot read earlier media (their own key state).
            EncryptedFrame afterTheLeave = meeting.Captured.Last(f => f.Phase == 2 && f.Sender == 1);
            Assert.Equal(FrameDecryptResult.NoKey, meeting.TryDecryptAs(0, afterTheLeave));
            Assert.Equal(FrameDecryptResult.NoKey, meeting.TryDecryptAs(0, meeting.Captured.Last(f => f.Phase == 2 && f.Sender == 3)));
            Assert.Equal(FrameDecryptResult.NoKey, meeting.TryDecryptAs(3, meeting.Captured.First(f => f.Phase == 0 && f.Sender == 0)));
            Assert.Equal(FrameDecryptResult.NoKey, meeting.TryDecryptAs(3, meeting.Captured.Last(f => f.Phase == 0 && f.Sender == 2)));

            // What the gateway forwarded is SFrame ciphertext: it opens with the epoch's key only.
            AssertPayloadsNeedTheEpochKey(meeting);

            // Nothing the gateway received, logged or keeps holds a key byte sequence of the meeting.
            var seen = new GatewayView();
            foreach (RecordedRequest request in traffic.Requests)
            {
                seen.Add($"request {request.Method} {request.Uri}", request.Bytes);
            }

            foreach (LogEntry entry in node.Log.Entries)
            {
                seen.Add($"log {entry.Category}", entry.Message);
            }

            seen.Add("GET /v1/rooms/blind", await RoomStateAsync(node, issuer));
            seen.Add("GET /metrics", await node.Http.GetByteArrayAsync(new Uri("/metrics", UriKind.Relative), Cancel));
            foreach (string file in Directory.EnumerateFiles(node.DataDirectory, "*", SearchOption.AllDirectories))
            {
                seen.Add($"data {Path.GetFileName(file)}", await File.ReadAllBytesAsync(file, Cancel));
            }

            Assert.True(traffic.Requests.Count > 20, $"only {traffic.Requests.Count} requests recorded");
            Assert.Contains(traffic.Requests, r => r.Uri.Contains("/messages", StringComparison.Ordinal) && r.Bytes.Length > 100);
            Assert.NotEmpty(node.Log.Entries);
            foreach (KeyMaterial key in meeting.Keys.All)
            {
                string? where = seen.Find(key.Bytes);
                Assert.True(where is null, $"{key.Name} appears in {where}");
            }

            // The sanity check that makes the search mean something: a key planted in a request is found.
            byte[] planted = meeting.Keys.All.First().Bytes;
            var control = new GatewayView();
            control.Add("planted", Convert.ToBase64String(planted));
            Assert.NotNull(control.Find(planted));
        }
        finally
        {
            meeting.WriteDiagnostics();
        }

        // The server cannot hold meeting keys: it does not even link the E2EE code.
        Assembly gateway = typeof(GatewayHost).Assembly;
        List<string> references = [.. gateway.GetReferencedAssemblies().Select(r => r.Name ?? "")];
        Assert.Contains("Gateway.Rtp", references);
        Assert.DoesNotContain(references, name => name.Contains("E2ee", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertPayloadsNeedTheEpochKey(BlindMeeting meeting)
    {
        Assert.True(meeting.Captured.Count >= 3 * FramesPerPhase, $"captured {meeting.Captured.Count} frames");
        byte[] plaintext = new byte[2048];
        foreach (EncryptedFrame frame in meeting.Captured.Where((_, i) => i % 7 == 0))
        {
            Assert.True(SFrameHeader.TryRead(frame.Bytes, out ulong keyId, out _, out _));
            EpochRecord epoch = meeting.Keys.EpochOf(keyId);
            int senderIndex = epoch.SenderIndexOf(keyId);

            // No key: unknown KID. The same KID under any other key the meeting used (another epoch, another sender)
            // or a random one: authentication fails.
            using (var none = new SFrameContext())
            {
                Assert.Equal(SFrameStatus.UnknownKeyId, none.Unprotect(default, frame.Bytes, plaintext, out _, out _));
            }

            foreach (byte[] wrong in meeting.Keys.BaseKeysOtherThan(epoch.Epoch, senderIndex).Append(RandomKey()))
            {
                using var guess = new SFrameContext();
                guess.AddReceiveKey(keyId, wrong);
                Assert.Equal(SFrameStatus.AuthenticationFailed, guess.Unprotect(default, frame.Bytes, plaintext, out _, out _));
            }

            // The right key opens it, and its plaintext (the Opus frame) is nowhere in what the gateway forwarded.
            using var right = new SFrameContext();
            right.AddReceiveKey(keyId, epoch.BaseKeys[senderIndex]);
            Assert.Equal(SFrameStatus.Ok, right.Unprotect(default, frame.Bytes, plaintext, out int length, out _));
            Assert.True(length > 0);
            Assert.Equal(-1, frame.Bytes.AsSpan().IndexOf(plaintext.AsSpan(0, Math.Min(length, 16))));
        }
    }

    private static byte[] RandomKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static async Task<byte[]> RoomStateAsync(RunningNode node, AccessTokenIssuer issuer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/rooms/blind");
        request.Headers.Authorization = new("Bearer", issuer.Issue("ops", "*", AccessTokenGrants.Admin, TimeSpan.FromHours(1)));
        using HttpResponseMessage response = await node.Http.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    /// <summary>The participants of the test meeting, their audio, and what they captured.</summary>
    private sealed class BlindMeeting(GatewayClient client, AccessTokenIssuer issuer, string room) : IAsyncDisposable
    {
        private const int MaxParticipants = 4;
        private readonly DeviceIdentity?[] _identities = new DeviceIdentity?[MaxParticipants];
        private readonly MeetingE2ee?[] _e2ee = new MeetingE2ee?[MaxParticipants];
        private readonly MeetingSession?[] _sessions = new MeetingSession?[MaxParticipants];
        private readonly PcmRecorder?[] _recorders = new PcmRecorder?[MaxParticipants];
        private readonly SpeechSource[] _sources = [.. Enumerable.Range(0, MaxParticipants).Select(i => new SpeechSource(70 + i))];
        private readonly int[] _framesSent = new int[MaxParticipants];

        // _firstFrame[i, j]: j's frame number when i began to hear j (decoded sample 0 of j at i is j's source there).
        private readonly int[,] _firstFrame = new int[MaxParticipants, MaxParticipants];
        private readonly List<string> _diagnostics = [];
        private int _phase;

        public MeetingKeyLog Keys { get; } = new();

        public List<EncryptedFrame> Captured { get; } = [];

        public List<ulong> PhaseEpochs { get; } = [];

        private IEnumerable<int> Present => Enumerable.Range(0, MaxParticipants).Where(i => _sessions[i] is not null);

        public async Task JoinAsync(int i)
        {
            _identities[i] = DeviceIdentity.Create($"device-{i}");
            _e2ee[i] = new MeetingE2ee(room, _identities[i]!);
            Keys.Watch(_e2ee[i]!);
            _recorders[i] = new PcmRecorder();
            foreach (int other in Present)
            {
                _firstFrame[i, other] = _framesSent[other];
            }

            _sessions[i] = await client.JoinAsync(room, issuer.Issue($"p{i}", room, AccessTokenGrants.Publish | AccessTokenGrants.Subscribe, TimeSpan.FromHours(1)), new JoinRequest
            {
                AudioSsrc = Ssrc(i),
                E2ee = true,
                FrameEncryption = new CapturingEncryption(_e2ee[i]!, i, this),
                KeyExchange = _e2ee[i],
                AudioSink = _recorders[i],
            }, Cancel);
            Keys.Number(_sessions[i]!.ParticipantId, i);
        }

        public async Task LeaveAsync(int i)
        {
            // The session goes; its key state stays for the test to try later frames with.
            await _sessions[i]!.DisposeAsync();
            _sessions[i] = null;
        }

        /// <summary>Waits for one epoch everywhere, sends a phase of audio from everyone, and checks every pair heard it.</summary>
        public async Task RunPhaseAsync()
        {
            int[] present = [.. Present];
            for (int attempt = 0; attempt < 1000 && !Agreed(present); attempt++)
            {
                await Task.Delay(10, Cancel);
            }

            Assert.True(Agreed(present), $"phase {_phase}: no agreement: " + string.Join("; ", present.Select(i => $"p{i} epoch {_e2ee[i]!.SendEpoch} keys {_e2ee[i]!.ReceiveKeyCount} code {_e2ee[i]!.SecurityCode}")));
            PhaseEpochs.Add(_e2ee[present[0]]!.SendEpoch!.Value);
            var before = present.ToDictionary(i => i, i => _sessions[i]!.Statistics.Snapshot());
            var decodedBefore = new Dictionary<(int, int), int>();
            foreach (int i in present)
            {
                foreach (int j in present.Where(j => j != i))
                {
                    decodedBefore[(i, j)] = _recorders[i]!.Samples(Ssrc(j)).Length;
                }
            }

            short[] pcm = new short[RtpFormats.SamplesPerFrame];
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            for (int frame = 0; frame < FramesPerPhase; frame++)
            {
                foreach (int i in present)
                {
                    _sources[i].Read(pcm);
                    Assert.True(_sessions[i]!.Audio!.SendPcm(pcm), $"p{i} could not send frame {frame} of phase {_phase}");
                    _framesSent[i]++;
                }

                await pace.WaitForNextTickAsync(Cancel);
            }

            foreach (int i in present)
            {
                long expected = before[i].FramesDecoded + ((present.Length - 1) * FramesPerPhase);
                MediaStatisticsSnapshot after = await AudioEndToEndTests.WaitForAsync(_sessions[i]!, s => s.FramesDecoded >= expected);
                _diagnostics.Add($"phase {_phase} p{i}: decoded {after.FramesDecoded - before[i].FramesDecoded}, e2ee failures {after.E2eeFailures}, no key {after.E2eeNoKey}, lost {after.PacketsLost}");
                Assert.Equal(expected, after.FramesDecoded);
                Assert.Equal(before[i].E2eeFailures, after.E2eeFailures);
                Assert.Equal(before[i].E2eeNoKey, after.E2eeNoKey);
                foreach (int j in present.Where(j => j != i))
                {
                    short[] decoded = _recorders[i]!.Samples(Ssrc(j));
                    int start = decodedBefore[(i, j)];
                    short[] reference = Source(j, (_firstFrame[i, j] * RtpFormats.SamplesPerFrame) + start, decoded.Length - start);
                    double snr = AudioSnr.Measure(reference, decoded.AsSpan(start).ToArray());
                    Assert.True(snr >= MinimumSnrDb, $"phase {_phase}: p{i} hears p{j} at {snr:0.0} dB");
                }
            }

            _phase++;
        }

        public string? SecurityCodeOf(int i) => _e2ee[i]!.SecurityCode;

        /// <summary>What participant <paramref name="i"/>'s own key state makes of a captured frame.</summary>
        public FrameDecryptResult TryDecryptAs(int i, EncryptedFrame frame)
        {
            byte[] plaintext = new byte[2048];
            return _e2ee[i]!.TryUnprotect(0, frame.Bytes, plaintext, out _);
        }

        public void Capture(int receiver, ReadOnlySpan<byte> frame)
        {
            if (!SFrameHeader.TryRead(frame, out ulong keyId, out _, out _))
            {
                return;
            }

            lock (Captured)
            {
                // Each sender's frames once (the receiver that got it first): what the gateway forwarded.
                int sender = Keys.SenderOf(keyId);
                if (receiver != Present.FirstOrDefault(p => p != sender))
                {
                    return;
                }

                Captured.Add(new EncryptedFrame(_phase, sender, frame.ToArray()));
            }
        }

        public void WriteDiagnostics()
        {
            foreach (string line in _diagnostics)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(line);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (MeetingSession? session in _sessions)
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }

            foreach (MeetingE2ee? e2ee in _e2ee)
            {
                e2ee?.Dispose();
            }

            foreach (DeviceIdentity? identity in _identities)
            {
                identity?.Dispose();
            }
        }

        private static uint Ssrc(int i) => (uint)(7000 + i);

        private static short[] Source(int j, int offset, int count)
        {
            var source = new SpeechSource(70 + j);
            short[] skip = new short[RtpFormats.SamplesPerFrame];
            for (int done = 0; done < offset; done += skip.Length)
            {
                source.Read(skip.AsSpan(0, Math.Min(skip.Length, offset - done)));
            }

            short[] samples = new short[count];
            source.Read(samples);
            return samples;
        }

        private bool Agreed(int[] present) =>
            present.All(i => _e2ee[i]!.SendEpoch is not null && _e2ee[i]!.ReceiveKeyCount >= present.Length - 1 && _e2ee[i]!.SecurityCode is not null)
            && present.Select(i => _e2ee[i]!.SecurityCode).Distinct().Count() == 1
            && present.Select(i => _e2ee[i]!.SendEpoch).Distinct().Count() == 1
            && Keys.Epochs.Any(e => e.Epoch == _e2ee[present[0]]!.SendEpoch && e.Senders == present.Length);
    }

    /// <summary>Hands every received frame to the meeting's capture before decrypting it as usual.</summary>
    private sealed class CapturingEncryption(IFrameEncryption inner, int receiver, BlindMeeting meeting) : IFrameEncryption
    {
        public int MaxOverhead => inner.MaxOverhead;

        public bool TryProtect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written) =>
            inner.TryProtect(ssrc, frame, destination, out written);

        public FrameDecryptResult TryUnprotect(uint ssrc, ReadOnlySpan<byte> frame, Span<byte> destination, out int written)
        {
            meeting.Capture(receiver, frame);
            return inner.TryUnprotect(ssrc, frame, destination, out written);
        }
    }
}
