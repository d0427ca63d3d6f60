using Gateway.Crypto.Native.Tests.Infrastructure;
using Gateway.LoadGen.Run;

namespace Gateway.Client.Tests.LoadGen;

public sealed class ProcessCpuTests
{
    [Fact]
    public void ParseStat_ReadsUserPlusSystemTicks_EvenWithParenthesesInTheName()
    {
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
        const string Stat = "4242 (we(ird) name)) S 1 4242 4242 0 -1 4194560 1000 0 3 0 250 75 0 0 20 0 12 0 100 1000000 500";

        Assert.Equal(3.25, ProcessCpu.ParseStat(Stat));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 no parentheses 1 2 3")]
    [InlineData("4242 (short) S 1 2")]
    [InlineData("4242 (x) S 1 4242 4242 0 -1 4194560 1000 0 3 0 -5 75")]
    [InlineData("4242 (x) S 1 4242 4242 0 -1 4194560 1000 0 3 0 2a 75")]
    public void ParseStat_RefusesMalformedLines(string stat) => Assert.Null(ProcessCpu.ParseStat(stat));

    [Fact]
    public void ParseStat_NeverThrows_OnRandomLines()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        const string Alphabet = "0123456789 ()-Sx";
        for (int i = 0; i < 2000; i++)
        {
            char[] text = new char[random.Next(0, 80)];
            for (int c = 0; c < text.Length; c++)
            {
                text[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            double? seconds = ProcessCpu.ParseStat(new string(text));
            Assert.True(seconds is null or >= 0, TestSeed.Describe(seed));
        }
    }

    [Fact]
    public void Of_ThisProcess_ReadsItsOwnStat_AndAMissingProcessIsNull()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's");

        Assert.NotNull(ProcessCpu.Of(Environment.ProcessId));
        Assert.Null(ProcessCpu.Of(int.MaxValue));
    }
}
