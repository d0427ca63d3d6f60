using Microsoft.Extensions.Logging;

namespace Gateway.Client.Tests.Infrastructure;

/// <summary>One formatted log line as a provider received it.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);
