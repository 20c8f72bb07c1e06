namespace SearchEngine.Bench;

/// <summary>Extra server arguments/environment and CLI arguments, to measure a configuration change without editing src/.</summary>
internal sealed record EngineConfig(IReadOnlyList<string> ServerArguments, IReadOnlyDictionary<string, string> ServerEnvironment, IReadOnlyList<string> CliArguments)
{
    public static EngineConfig From(BenchOptions options) => new(
        options.GetAll("server-arg"),
        options.GetAll("server-env").Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : ""),
        [.. options.GetAll("cli-arg").SelectMany(argument => argument.Split(' ', StringSplitOptions.RemoveEmptyEntries))]);

    public string Describe()
    {
        var parts = ServerArguments.Select(argument => $"server {argument}")
            .Concat(ServerEnvironment.Select(pair => $"server env {pair.Key}={pair.Value}"))
            .Concat(CliArguments.Count > 0 ? [$"cli {string.Join(' ', CliArguments)}"] : [])
            .ToList();
        return parts.Count == 0 ? "defaults" : string.Join("; ", parts);
    }
}
