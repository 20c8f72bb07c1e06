using System.Text;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>Reads the file written by <c>searchengine index --acknowledged-log</c>.</summary>
public static class AcknowledgedLogFile
{
    /// <summary>
    /// The lines of an acknowledged log, in order. Once the command has ended, a file ending inside
    /// a line fails the test; while it runs, a reader may see a write half done, so a last line
    /// without its line end is left out.
    /// </summary>
    public static List<string> Read(string path, bool commandRunning = false)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }
        var complete = text.LastIndexOf('\n') + 1;
        Assert.True(commandRunning || complete == text.Length, $"{path} ends inside a line: ...{text[Math.Max(0, text.Length - 80)..]}");
        return [.. text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
