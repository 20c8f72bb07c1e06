namespace SearchEngine.Cli;

/// <summary>A fatal, user-facing failure: its message is printed as is, without a stack trace, and the exit code is 1.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
