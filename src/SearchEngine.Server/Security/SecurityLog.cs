namespace SearchEngine.Server.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "API key required for {Services}; {KeyCount} key(s) configured; listening on {Addresses}")]
    public static partial void KeysRequired(ILogger logger, string services, int keyCount, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening only on loopback ({Addresses}) and no Auth:ApiKeys configured: no API key required")]
    public static partial void LoopbackOpen(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Addresses} without API keys because Auth:AllowUnauthenticated is set: anyone who reaches the server can change the index")]
    public static partial void OpenByOptOut(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected unauthenticated call {Method} from {Peer}: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string peer, string reason);
}
