using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Gateway.Benchmarks.Crypto.Peers;
using Gateway.Benchmarks.Infrastructure;
using Gateway.Benchmarks.Packets;
using Gateway.Benchmarks.Srtp;
using Gateway.Crypto.Native;
using Gateway.Rtp.Srtp;
using Gateway.Rtp.Tests.Interop.Libsrtp;

namespace Gateway.Benchmarks.Reporting;

/// <summary>
/// Writes srtp.md from a run's summaries: machine, command, how the two sides were made to do the same
/// work, the targets of the protocol-layer issue (ours against libsrtp2 in packets per second, zero
/// allocation; each marked met or missed), the batch and parse tables, every case, and BenchmarkDotNet's
/// own exports in srtp-bdn/. Every number comes from the run, except the session-start allocation,
/// which the report measures itself in this process when it is written.
/// </summary>
internal static class SrtpReport
{
    private const string Protect = nameof(SrtpProtectBenchmarks);
    private const string Unprotect = nameof(SrtpUnprotectBenchmarks);
    private const string Restore = nameof(SrtpRestoreBenchmarks);
    private const string Batch = nameof(SrtpBatchBenchmarks);
    private const string AesCmParts = nameof(SrtpAesCmPartsBenchmarks);
    private const string RtpParse = nameof(RtpParseBenchmarks);
    private const string RtcpParse = nameof(RtcpParseBenchmarks);

    private static readonly string[] Suites = [Protect, Unprotect, Restore, Batch, AesCmParts, RtpParse, RtcpParse];
    private static readonly int[] Sizes = [160, 1200];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(IReadOnlyList<Summary> summaries, BenchOptions options, string repoRoot, string artifactsPath)
    {
        SrtpCaseSet set = SrtpCaseSet.From(summaries);
        if (!Suites.Any(set.HasSuite))
        {
            return;
        }

        bool complete = !options.Quick && Suites.All(set.HasSuite);
        string directory = options.ResultsDirectory
            ?? (complete ? Path.Combine(repoRoot, "benchmarks", "results") : Path.Combine(artifactsPath, "report"));
        Directory.CreateDirectory(directory);
        BdnExports.Copy(summaries, Path.Combine(directory, "srtp-bdn"), Suites.Contains);

        string path = Path.Combine(directory, "srtp.md");
        File.WriteAllText(path, Render(set, options, complete));
        Console.WriteLine($"// SRTP report: {path}");
        if (!complete && options.ResultsDirectory is null)
        {
            Console.WriteLine("// (a partial or quick run: benchmarks/results/srtp.md is written only by a full run of the SRTP and parse suites)");
        }
    }

    private static string Render(SrtpCaseSet set, BenchOptions options, bool complete)
    {
        var md = new StringBuilder();
        md.AppendLine("# SRTP and RTP/RTCP parse benchmarks");
        md.AppendLine();
        md.AppendLine(Inv, $"Written by `benchmarks/Gateway.Benchmarks` at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from the BenchmarkDotNet summaries of one run; no number in this file is typed by hand.");
        if (!complete)
        {
            md.AppendLine();
            md.AppendLine("**Partial or quick run**: some suites were not part of it, and a quick run's numbers are not measurements.");
        }

        AppendMachine(md, options);
        AppendMethod(md);
        AppendTargets(md, set);
        AppendPerPacket(md, set);
        AppendAesCmParts(md, set);
        AppendBatch(md, set);
        AppendParse(md, set);
        AppendAll(md, set);

        md.AppendLine();
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `srtp-bdn/`: BenchmarkDotNet's own GitHub-markdown and CSV exports of the same run (its Ratio column is ours / libsrtp's time).");
        return md.ToString();
    }

    private static void AppendMachine(StringBuilder md, BenchOptions options)
    {
        md.AppendLine();
        ReportHeader.Append(md, options,
        [
            $"libsrtp2 peer: {LibsrtpInfo.Describe()}",
            "The machine is a 2-core VM shared with other work (builds and tests of other engineers may have run during the measurement); both sides of every comparison ran in the same run, case after case.",
        ],
        jobDetails: "");
    }

    private static void AppendMethod(StringBuilder md)
    {
        string best = CryptoBackend.Name(BenchNative.BestImplementation());
        (long ours, long libsrtp) = SessionStartAllocation();
        md.AppendLine();
        md.AppendLine("## How the two sides are measured");
        md.AppendLine();
        md.AppendLine(Inv, $"- **Ours**: `SrtpSession` (src/Rtp/Srtp) with the best native AES implementation, {best}. **libsrtp2**: `srtp_protect` / `srtp_unprotect` through the interop tests' binding (tests/Rtp.Tests/Interop/Libsrtp, linked into this project), one wildcard-SSRC session per direction, replay window 128 on both sides.");
        md.AppendLine("- Packets: a 12-byte RTP header (no CSRC, no extension) and 160 or 1200 bytes of payload, in 64-byte aligned native memory, protected and unprotected in place. Before timing, each suite's setup checks that ours and libsrtp protect the same packet to the same bytes and that each unprotects the other's packet.");
        md.AppendLine("- **Protect**: both sides refuse to protect an index twice (ours: a GCM nonce must never repeat; libsrtp: its send-side replay check), so each call first writes the next sequence number into the header (one 2-byte store, both sides); the ROC advances at the wrap on both. The payload protected is the previous call's ciphertext, which costs the same.");
        md.AppendLine(Inv, $"- **Unprotect**: a ring of {SrtpPacketRing.Packets} packets with consecutive sequence numbers is protected once in setup. Each call copies the next one into a working buffer (memcpy of the protected packet) and unprotects it there; when the ring starts again, the side disposes its inbound session and creates a fresh one from the master key (ours: `SrtpSession.Create`; libsrtp: `srtp_dealloc` + `srtp_create`). Both sides do exactly this extra work; `SrtpRestoreBenchmarks` measures the copy alone, and the net columns below subtract it from both.");
        md.AppendLine(Inv, $"- Starting a session and its first stream allocates {ours} managed bytes on our side and {libsrtp} on libsrtp's (its binding's objects; libsrtp's own `malloc`s are not managed allocations), measured in this process when the report was written: {(ours / (double)SrtpPacketRing.Packets).ToString("0.00", Inv)} B per packet over a ring pass, which BenchmarkDotNet's per-operation figure includes.");
        md.AppendLine("- A call that fails (any status but Ok) makes the case fail at cleanup, so no failed call can pass for a fast one.");
        md.AppendLine("- Packets per second = 10^9 / ns per packet; a ratio is libsrtp's ns per packet divided by ours (our packets per second over libsrtp's).");
    }

    private static void AppendTargets(StringBuilder md, SrtpCaseSet set)
    {
        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| Profile | Op | Payload | Ours ns | libsrtp ns | Ours Mpps | libsrtp Mpps | Speed-up | Target | Result | Ours B/packet | 0 B target |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
        foreach (SrtpProfile profile in Enum.GetValues<SrtpProfile>())
        {
            double target = profile.IsAead() ? 4.0 : 2.0;
            foreach ((string suite, string op) in new[] { (Protect, "protect"), (Unprotect, "unprotect") })
            {
                foreach (int size in Sizes)
                {
                    SrtpCase? ours = set.Find(suite, "Ours", size, profile.ToString());
                    SrtpCase? lib = set.Find(suite, "Libsrtp", size, profile.ToString());
                    double? ratio = ours is null || lib is null || ours.MeanNs <= 0 ? null : lib.MeanNs / ours.MeanNs;
                    string verdict = ratio is null ? "not measured" : ratio >= target ? "met" : "**missed**";
                    string alloc = ours?.AllocatedBytes is long a ? (a == 0 ? "met" : "**missed**") : "not measured";
                    md.AppendLine(Inv, $"| {profile.SdesName()} | {op} | {size} B | {Ns(ours)} | {Ns(lib)} | {Mpps(ours)} | {Mpps(lib)} | {Ratio(ratio)} | >= {target:0}x | {verdict} | {Bytes(ours)} | {alloc} |");
                }
            }
        }

        foreach (int size in Sizes)
        {
            SrtpCase? batch = set.Find(Batch, "Batch", size);
            string alloc = batch?.AllocatedBytes is long a ? (a == 0 ? "met" : "**missed**") : "not measured";
            md.AppendLine(Inv, $"| {SrtpBatchBenchmarks.Profile.SdesName()} | SrtpBatch of {SrtpBatchBenchmarks.Packets} protect | {size} B | {Ns(batch)} | - | {Mpps(batch)} | - | - | - | - | {Bytes(batch)} | {alloc} |");
        }
    }

    private static void AppendPerPacket(StringBuilder md, SrtpCaseSet set)
    {
        if (!set.HasSuite(Unprotect))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## Unprotect net of the ring copy");
        md.AppendLine();
        md.AppendLine("The copy of the next ring packet (`SrtpRestoreBenchmarks`, the same on both sides) subtracted from both unprotect times; the targets above use the gross times.");
        md.AppendLine();
        md.AppendLine("| Profile | Payload | Copy ns | Ours net ns | libsrtp net ns | Net speed-up |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (SrtpProfile profile in Enum.GetValues<SrtpProfile>())
        {
            foreach (int size in Sizes)
            {
                SrtpCase? copy = set.Find(Restore, "Restore", size);
                SrtpCase? ours = set.Find(Unprotect, "Ours", size, profile.ToString());
                SrtpCase? lib = set.Find(Unprotect, "Libsrtp", size, profile.ToString());
                double? oursNet = copy is null || ours is null ? null : ours.MeanNs - copy.MeanNs;
                double? libNet = copy is null || lib is null ? null : lib.MeanNs - copy.MeanNs;
                double? ratio = oursNet is > 0 && libNet is > 0 ? libNet / oursNet : null;
                md.AppendLine(Inv, $"| {profile.SdesName()} | {size} B | {Ns(copy)} | {Ns(oursNet)} | {Ns(libNet)} | {Ratio(ratio)} |");
            }
        }
    }

    private static void AppendAesCmParts(StringBuilder md, SrtpCaseSet set)
    {
        if (!set.HasSuite(AesCmParts))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## Where our AES_CM_128_HMAC_SHA1_80 protect spends its time");
        md.AppendLine();
        md.AppendLine("The two parts alone on one packet's bytes (`SrtpAesCmPartsBenchmarks`): the payload's AES-CTR XOR (best native), and HMAC-SHA1 over header + payload + ROC as the cipher computes it (a reused `System.Security.Cryptography.IncrementalHash`), beside a one-shot `HMACSHA1.HashData` and a bare `SHA1.HashData` of the same bytes (the hash compute alone).");
        md.AppendLine();
        md.AppendLine("| Payload | Protect ns | AES-CTR ns | HMAC (IncrementalHash) ns | HMAC one-shot ns | SHA-1 alone ns | Protect - CTR - HMAC ns |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int size in Sizes)
        {
            SrtpCase? protect = set.Find(Protect, "Ours", size, nameof(SrtpProfile.AesCm128HmacSha1_80));
            SrtpCase? ctr = set.Find(AesCmParts, "AesCtr", size);
            SrtpCase? hmac = set.Find(AesCmParts, "HmacIncremental", size);
            double? rest = protect is null || ctr is null || hmac is null ? null : protect.MeanNs - ctr.MeanNs - hmac.MeanNs;
            md.AppendLine(Inv, $"| {size} B | {Ns(protect)} | {Ns(ctr)} | {Ns(hmac)} | {Ns(set.Find(AesCmParts, "HmacOneShot", size))} | {Ns(set.Find(AesCmParts, "Sha1Only", size))} | {Ns(rest)} |");
        }
    }

    private static void AppendBatch(StringBuilder md, SrtpCaseSet set)
    {
        if (!set.HasSuite(Batch))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(Inv, $"## SrtpBatch: {SrtpBatchBenchmarks.Packets} packets, {SrtpBatchBenchmarks.Profile.SdesName()}, ns per packet");
        md.AppendLine();
        md.AppendLine("Both ways write the next sequence number into each packet first; the batch is cleared and rebuilt on every call (32 `AddProtectRtp` and one `Run`, whose AES-GCM work is one native call), the singles are 32 `ProtectRtp` calls (32 native calls).");
        md.AppendLine();
        md.AppendLine("| Payload | SrtpBatch ns/packet | 32 singles ns/packet | Batch / singles | Batch Mpps | Allocated B/packet |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (int size in Sizes)
        {
            SrtpCase? batch = set.Find(Batch, "Batch", size);
            SrtpCase? singles = set.Find(Batch, "Singles", size);
            double? ratio = batch is null || singles is null || singles.MeanNs <= 0 ? null : batch.MeanNs / singles.MeanNs;
            md.AppendLine(Inv, $"| {size} B | {Ns(batch)} | {Ns(singles)} | {Ratio(ratio)} | {Mpps(batch)} | {Math.Max(batch?.AllocatedBytes ?? 0, singles?.AllocatedBytes ?? 0)} |");
        }
    }

    private static void AppendParse(StringBuilder md, SrtpCaseSet set)
    {
        if (!set.HasSuite(RtpParse) && !set.HasSuite(RtcpParse))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("## RTP and RTCP parse, per packet");
        md.AppendLine();
        md.AppendLine("| What | ns/packet | Mpps | Allocated B/packet |");
        md.AppendLine("|---|---:|---:|---:|");
        (string Suite, string Method, string Text)[] rows =
        [
            (RtpParse, "TryParse", "RTP: `RtpPacket.TryParse` + SSRC, sequence, PT, marker, payload"),
            (RtpParse, "TryParseAndEnumerateExtensions", "RTP: TryParse + walk 3 one-byte header extension elements"),
            (RtpParse, "TryParseAndFindTransportSequence", "RTP: TryParse + find the transport-wide sequence number"),
            (RtcpParse, "SenderReportAndSdes", "RTCP compound SR (1 report block) + SDES (CNAME): walk, read every field"),
            (RtcpParse, "TransportWideFeedback", $"RTCP transport-wide feedback, {RtcpParseBenchmarks.FeedbackPackets} packet statuses decoded"),
        ];
        foreach ((string suite, string method, string text) in rows)
        {
            SrtpCase? c = set.Find(suite, method);
            md.AppendLine(Inv, $"| {text} | {Ns(c)} | {Mpps(c)} | {Bytes(c)} |");
        }
    }

    private static void AppendAll(StringBuilder md, SrtpCaseSet set)
    {
        md.AppendLine();
        md.AppendLine("## Every case");
        md.AppendLine();
        md.AppendLine("| Suite | Method | Profile | Payload | ns/op | StdDev ns | Allocated B/op |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (SrtpCase c in set.All.Where(c => Suites.Contains(c.Suite)))
        {
            md.AppendLine(Inv, $"| {c.Suite} | {c.Method} | {c.Profile} | {(c.Size == 0 ? "" : c.Size.ToString(Inv))} | {Ns(c)} | {c.StdDevNs.ToString("0.0", Inv)} | {Bytes(c)} |");
        }
    }

    /// <summary>Managed bytes allocated to start an inbound session and its first stream, ours and libsrtp's binding.</summary>
    private static (long Ours, long Libsrtp) SessionStartAllocation()
    {
        try
        {
            const SrtpProfile profile = SrtpProfile.AeadAes128Gcm;
            using var ring = new SrtpPacketRing(profile, 160);
            byte[] key = SrtpInputs.MasterKey(profile);
            byte[] salt = SrtpInputs.MasterSalt(profile);
            long ours = Measure(() =>
            {
                using SrtpSession session = SrtpSession.Create(profile, key, salt, implementation: BenchNative.BestImplementation());
                ring.RestoreNext();
                session.UnprotectRtp(ring.Work, ring.ProtectedLength, out _);
            });
            long libsrtp = Measure(() =>
            {
                using var session = LibsrtpSession.Create(SrtpInputs.ToLibsrtp(profile), key, salt, LibsrtpDirection.Inbound);
                ring.RestoreNext();
                session.UnprotectRtp(ring.Work, ring.ProtectedLength, out _);
            });
            return (ours, libsrtp);
        }
        catch (InvalidOperationException)
        {
            return (-1, -1);
        }

        static long Measure(Action start)
        {
            start();
            long before = GC.GetAllocatedBytesForCurrentThread();
            start();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private static string Ns(SrtpCase? c) => Ns(c?.MeanNs);

    private static string Ns(double? ns) => ns is not double v ? "-" : v.ToString(v >= 1000 ? "#,0" : "0.0", Inv);

    private static string Mpps(SrtpCase? c) => c is null || c.MeanNs <= 0 ? "-" : (1000 / c.MeanNs).ToString("0.00", Inv);

    private static string Ratio(double? r) => r is double v ? v.ToString("0.00", Inv) + "x" : "-";

    private static string Bytes(SrtpCase? c) => c?.AllocatedBytes is long b ? b.ToString(Inv) : "-";
}
