using System.Buffers.Binary;
using System.Net;
using Gateway.Rtp.Stun;

namespace Gateway.Rtp.Tests.Stun;

/// <summary>
/// The seeded property test of the STUN parser, the checks and the responder: every truncation of valid
/// messages, random bytes (half behind a STUN-looking header), random mutations of valid messages, and
/// random attribute soups. Over 400,000 inputs, each parsed, verified and answered; none may throw, read
/// out of bounds or return a value the enums do not document.
/// </summary>
public sealed class StunFuzzTests
{
    private const int RandomInputs = 140_000;
    private const int MutatedInputs = 180_000;
    private const int SoupInputs = 80_000;
    private const int RequiredInputs = 300_000;

    private static readonly int[] SoupTypes =
    [
        0x0001, 0x0006, 0x0008, 0x0009, 0x000A, 0x0014, 0x0015, 0x001C, 0x0020, 0x0024, 0x0025,
        0x8022, 0x8028, 0x8029, 0x802A, 0xC057, 0x0003, 0x7FFF,
    ];

    [Fact]
    public void EveryTruncation_OfAValidMessage_FailsWithTheDocumentedValue()
    {
        using var probe = new Probe();
        foreach (byte[] message in Seeds())
        {
            for (int length = 0; length <= message.Length; length++)
            {
                StunParseResult expected = length < StunMessage.HeaderLength ? StunParseResult.TooShort
                    : length < message.Length ? StunParseResult.BadLength
                    : StunParseResult.Success;
                StunParseResult actual = probe.Run(message.AsSpan(0, length), "truncation");
                Assert.True(expected == actual, $"{length} of {message.Length} bytes of {StunBytes.Hex(message)}: {actual}, expected {expected}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(probe.Summary());
    }

    [Fact]
    public void RandomBytesMutationsAndSoups_NeverThrow_AndFailOnlyWithDocumentedValues()
    {
        int seed = StunSeed.Next();
        var random = new Random(seed);
        byte[][] seeds = [.. Seeds()];
        using var probe = new Probe();
        var buffer = new byte[600];

        try
        {
            for (int i = 0; i < RandomInputs; i++)
            {
                int length = random.Next(0, 200);
                Span<byte> input = buffer.AsSpan(0, length);
                random.NextBytes(input);
                if ((i & 1) == 0 && length >= StunMessage.HeaderLength)
                {
                    StunLookingHeader(input, random);
                }

                probe.Run(input, "random");
            }

            for (int i = 0; i < MutatedInputs; i++)
            {
                probe.Run(Mutate(seeds[random.Next(seeds.Length)], buffer, random), "mutation");
            }

            for (int i = 0; i < SoupInputs; i++)
            {
                probe.Run(Soup(buffer, random), "soup");
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{StunSeed.Describe(seed)}: {e.GetType().Name} on {probe.LastKind} input {StunBytes.Hex(probe.LastInput)}{Environment.NewLine}{e}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{StunSeed.Describe(seed)}{Environment.NewLine}{probe.Summary()}");
        Assert.True(probe.Inputs >= RequiredInputs, $"only {probe.Inputs} inputs");
        Assert.True(probe.Parsed > 50_000, $"only {probe.Parsed} inputs parsed: the generators do not reach deep enough ({StunSeed.Describe(seed)})");
    }

    /// <summary>Valid messages: the RFC 5769 vectors and what the writer and the responder produce.</summary>
    private static IEnumerable<byte[]> Seeds()
    {
        foreach (byte[] vector in Rfc5769Vectors.All)
        {
            yield return vector;
        }

        yield return IceRequests.Build();
        yield return IceRequests.Build(controlling: false, controlled: true, useCandidate: false);
        yield return StunRaw.CheckWithOnlyIntegritySha256();
        yield return IceRequests.Build(fingerprint: false, extra: [(0x0003, [1, 2, 3, 4]), (0x8022, [0x61, 0x62, 0x63])]);

        var buffer = new byte[IceLiteResponder.MaxResponseLength];
        using var integrity = StunIntegrity.FromShortTermPassword("VOkJxbRl1RmTxUk/WvJxBt"u8);
        var v6 = StunAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("2001:db8::9"), 9));
        Assert.True(StunBindingResponse.TryWriteSuccess(buffer, StunRaw.TransactionId, v6, integrity, out int written));
        yield return buffer[..written];
        Assert.True(StunBindingResponse.TryWriteError(buffer, StunRaw.TransactionId, 420, [(StunAttributeType)3, (StunAttributeType)0x7FFF], integrity, out written));
        yield return buffer[..written];
    }

    /// <summary>Top bits zero, the cookie, and a Length that fits the buffer (a multiple of 4 three times in four).</summary>
    private static void StunLookingHeader(Span<byte> input, Random random)
    {
        input[0] &= 0x3F;
        BinaryPrimitives.WriteUInt32BigEndian(input[4..], StunMessage.MagicCookie);
        int body = input.Length - StunMessage.HeaderLength;
        int length = random.Next(4) == 0 ? random.Next(0, body + 1) : random.Next(0, (body / 4) + 1) * 4;
        BinaryPrimitives.WriteUInt16BigEndian(input[2..], (ushort)length);
    }

    /// <summary>One to four random edits of a valid message: bit flips, byte writes, attribute lengths, cuts and growth.</summary>
    private static Span<byte> Mutate(byte[] seed, byte[] buffer, Random random)
    {
        seed.CopyTo(buffer, 0);
        int length = seed.Length;
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(6))
            {
                case 0:
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    buffer[random.Next(length)] = (byte)random.Next(256);
                    break;
                case 2 when length > StunMessage.HeaderLength + 4:
                    // Rewrite the length of a (4-aligned) attribute header to a small value.
                    int at = StunMessage.HeaderLength + (random.Next((length - StunMessage.HeaderLength) / 4) * 4);
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at + 2), (ushort)random.Next(0, 40));
                    break;
                case 3:
                    length = random.Next(0, length + 1);
                    break;
                case 4 when length + 16 <= buffer.Length:
                    int grow = random.Next(1, 17);
                    random.NextBytes(buffer.AsSpan(length, grow));
                    length += grow;
                    break;
                default:
                    // Make the header's Length agree with the bytes there, so the walk goes deeper.
                    if (length >= StunMessage.HeaderLength)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)((length - StunMessage.HeaderLength) & ~3));
                    }

                    break;
            }
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>A Binding-ish header followed by random attributes of known types with random (often right) sizes.</summary>
    private static Span<byte> Soup(byte[] buffer, Random random)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer, random.Next(3) == 0 ? (ushort)random.Next(0, 0x4000) : (ushort)0x0001);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), StunMessage.MagicCookie);
        random.NextBytes(buffer.AsSpan(8, StunMessage.TransactionIdLength));
        int offset = StunMessage.HeaderLength;
        int count = random.Next(0, 10);
        for (int a = 0; a < count; a++)
        {
            int type = SoupTypes[random.Next(SoupTypes.Length)];
            int valueLength = random.Next(3) != 0 ? NaturalLength(type, random) : random.Next(0, 40);
            int padded = (valueLength + 3) & ~3;
            if (offset + 4 + padded > buffer.Length)
            {
                break;
            }

            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), (ushort)type);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset + 2), (ushort)valueLength);
            random.NextBytes(buffer.AsSpan(offset + 4, padded));
            if (type is 0x0001 or 0x0020 && valueLength >= 2)
            {
                buffer[offset + 5] = (byte)random.Next(0, 4); // families 0–3: both valid ones and some invalid
            }

            offset += 4 + padded;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(offset - StunMessage.HeaderLength));
        return buffer.AsSpan(0, offset);
    }

    private static int NaturalLength(int type, Random random) => type switch
    {
        0x0008 => 20,
        0x001C => 16 + (random.Next(5) * 4),
        0x8028 or 0x0024 => 4,
        0x8029 or 0x802A => 8,
        0x0025 => 0,
        0x0001 or 0x0020 => random.Next(2) == 0 ? 8 : 20,
        _ => random.Next(0, 24),
    };

    /// <summary>Runs one input through every entry point and checks the invariants; counts outcomes.</summary>
    private sealed class Probe : IDisposable
    {
        private static readonly StunAddress Source = StunAddress.FromIPv4([203, 0, 113, 5], 3478);

        private readonly IceLiteResponder _responder = new(IceRequests.LocalUfrag, IceRequests.LocalPassword);
        private readonly StunIntegrity _integrity = StunIntegrity.FromShortTermPassword("VOkJxbRl1RmTxUk/WvJxBt"u8);
        private readonly byte[] _response = new byte[IceLiteResponder.MaxResponseLength];
        private readonly int[] _parseResults = new int[Enum.GetValues<StunParseResult>().Length];
        private readonly int[] _iceResults = new int[Enum.GetValues<IceLiteResult>().Length];
        private byte[] _lastInput = [];

        public int Inputs { get; private set; }

        public int Parsed { get; private set; }

        public string LastKind { get; private set; } = "";

        public ReadOnlySpan<byte> LastInput => _lastInput;

        public StunParseResult Run(ReadOnlySpan<byte> input, string kind)
        {
            Inputs++;
            LastKind = kind;
            _lastInput = input.ToArray();

            bool parsed = StunMessage.TryParse(input, out StunMessage message, out StunParseResult result);
            Check((uint)result < (uint)_parseResults.Length, $"undocumented parse result {(int)result}");
            Check(parsed == (result == StunParseResult.Success), "TryParse's bool and result disagree");
            _parseResults[(int)result]++;
            if (parsed)
            {
                Parsed++;
                Inspect(input, message);
            }

            IceLiteResult ice = _responder.Respond(input, Source, _response, out IceLiteBinding binding);
            Check((uint)ice < (uint)_iceResults.Length, $"undocumented responder result {(int)ice}");
            _iceResults[(int)ice]++;
            Check(binding.ResponseLength is >= 0 and <= IceLiteResponder.MaxResponseLength, "response length out of range");
            if (binding.ResponseLength > 0)
            {
                Check(StunMessage.TryParse(_response.AsSpan(0, binding.ResponseLength), out StunMessage response), "the response does not parse");
                Check(response.VerifyFingerprint() == StunCheckResult.Valid, "the response's FINGERPRINT is wrong");
                Check(response.TransactionId.SequenceEqual(input.Slice(8, StunMessage.TransactionIdLength)), "the response's transaction id differs");
                StunMessageType expected = ice == IceLiteResult.Responded ? StunMessageType.BindingSuccess : StunMessageType.BindingError;
                Check(response.Type == expected, $"{ice} wrote a {response.Type}");
            }
            else
            {
                Check(ice is not (IceLiteResult.Responded or IceLiteResult.BadRequest or IceLiteResult.BadUsername or IceLiteResult.BadIntegrity or IceLiteResult.UnknownAttributes or IceLiteResult.RoleConflict), $"{ice} without a response");
            }

            return result;
        }

        public string Summary() =>
            $"{Inputs} inputs, {Parsed} parsed{Environment.NewLine}"
            + $"parse: {string.Join(", ", Enum.GetValues<StunParseResult>().Select(r => $"{r} {_parseResults[(int)r]}"))}{Environment.NewLine}"
            + $"responder: {string.Join(", ", Enum.GetValues<IceLiteResult>().Select(r => $"{r} {_iceResults[(int)r]}"))}";

        public void Dispose()
        {
            _responder.Dispose();
            _integrity.Dispose();
        }

        private void Inspect(ReadOnlySpan<byte> input, StunMessage message)
        {
            Check(message.Length >= StunMessage.HeaderLength && message.Length <= input.Length && (message.Length & 3) == 0, "message length");
            int count = 0;
            foreach (StunAttribute attribute in message.Attributes)
            {
                count++;
                if (!attribute.Value.IsEmpty)
                {
                    Check(message.Bytes.Overlaps(attribute.Value, out int at) && at >= StunMessage.HeaderLength + 4 && at + attribute.Value.Length <= message.Length, "attribute value outside the message");
                }
            }

            Check(count <= (message.Length - StunMessage.HeaderLength) / 4, "more attributes than words");
            message.TryGetUsername(out _);
            message.TryGetXorMappedAddress(out StunAddress xorMapped);
            message.TryGetMappedAddress(out StunAddress mapped);
            Check(xorMapped.AddressLength is 0 or 4 or 16 && mapped.AddressLength is 0 or 4 or 16, "address length");
            message.TryGetPriority(out _);
            _ = message.HasUseCandidate;
            message.TryGetIceControlling(out _);
            message.TryGetIceControlled(out _);
            if (message.TryGetErrorCode(out StunErrorCode error))
            {
                Check(error.Code is >= 300 and < 700 && error.Reason.Length <= StunErrorCode.MaxReasonLength, "error code");
            }

            if (message.TryGetUnknownAttributes(out StunUnknownAttributes unknown))
            {
                for (int i = 0; i < unknown.Count; i++)
                {
                    _ = unknown[i];
                }
            }

            StunCheckResult integrity = message.VerifyMessageIntegrity(_integrity);
            StunCheckResult fingerprint = message.VerifyFingerprint();
            Check(integrity is StunCheckResult.Absent or StunCheckResult.Valid or StunCheckResult.Invalid, "integrity result");
            Check((integrity == StunCheckResult.Absent) != message.HasMessageIntegrity, "integrity presence");
            Check((fingerprint == StunCheckResult.Absent) != message.HasFingerprint, "fingerprint presence");
        }

        private void Check(bool condition, string what)
        {
            if (!condition)
            {
                Assert.Fail($"{what}, on {LastKind} input {StunBytes.Hex(_lastInput)}");
            }
        }
    }
}
