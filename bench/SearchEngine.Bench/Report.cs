using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>Invariant-culture console output.</summary>
internal static class Report
{
    public static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    public static void Header(string command, Workspace workspace, string detail)
    {
        Line($"# searchengine bench {command} — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Machine.LoadAverage()}");
        Line($"# server {workspace.ServerDll}");
        Line($"# {detail}");
    }
}
