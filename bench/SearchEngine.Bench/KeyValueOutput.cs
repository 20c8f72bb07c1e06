using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>Output made of "key   value [more words]" lines (the Java peer's and our analyze command's).</summary>
internal sealed class KeyValueOutput
{
    private readonly Dictionary<string, string> lines = new(StringComparer.Ordinal);

    public KeyValueOutput(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                lines.TryAdd(parts[0], parts[1].Trim());
            }
        }
    }

    /// <summary>The first number of the line, e.g. 17.45 in "seconds 17.45 (add 16.11, …)".</summary>
    public double Number(string key) =>
        lines.TryGetValue(key, out var value)
            ? double.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture)
            : throw new BenchException($"no \"{key}\" line in the output");
}
