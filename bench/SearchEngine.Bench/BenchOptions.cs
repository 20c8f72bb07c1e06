using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>"--name value" pairs; a name may repeat (e.g. --server-arg).</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var options = new BenchOptions();
        using var tokens = args.GetEnumerator();
        while (tokens.MoveNext())
        {
            var name = tokens.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !tokens.MoveNext())
            {
                throw new BenchException($"expected \"--name value\", got \"{name}\"");
            }
            if (!options.values.TryGetValue(name[2..], out var list))
            {
                list = [];
                options.values[name[2..]] = list;
            }
            list.Add(tokens.Current);
        }
        return options;
    }

    public string? Get(string name) => values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => values.TryGetValue(name, out var list) ? list : [];

    public int GetInt(string name, int defaultValue) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public bool GetBool(string name) => Get(name) is { } text && bool.Parse(text);

    public IReadOnlyList<int> GetIntList(string name, IReadOnlyList<int> defaultValue) =>
        Get(name) is { } text
            ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(size => int.Parse(size, CultureInfo.InvariantCulture))]
            : defaultValue;
}
