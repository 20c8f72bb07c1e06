namespace SearchEngine.Cli;

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad arguments, an unreachable server or any other failure that stopped the command.</summary>
    public const int Failure = 1;

    /// <summary>The command ran to the end but some records were rejected (the rest were indexed).</summary>
    public const int SomeRejected = 2;
}
