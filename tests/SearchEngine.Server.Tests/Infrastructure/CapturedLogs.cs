using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes (at the level the test server logs), formatted, with its category.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogLine> lines = new();

    public IReadOnlyList<CapturedLogLine> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new CapturedLogLine(category, logLevel, formatter(state, exception)));
    }
}

public sealed record CapturedLogLine(string Category, LogLevel Level, string Message);
