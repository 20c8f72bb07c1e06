using System.Globalization;
using System.Text;

namespace SearchEngine.Cli.Indexing;

/// <summary>
/// The file named by <c>index --acknowledged-log</c>: after each batch the server has committed,
/// the id of every article it accepted, one per line, appended before the next batch is sent.
/// Whatever happens to the server or the command later, every id in the file was durably
/// indexed (an interrupted batch adds nothing), so the file tells an operator, or a crash test,
/// what survives.
/// </summary>
internal sealed class AcknowledgedLog : IDisposable
{
    // An id is at most 512 UTF-16 characters: at most 2 KB of UTF-8, and its line end.
    private const int MaxLineBytes = (4 * 512) + 1;

    // Ids may be Chinese: UTF-8 without a byte-order mark, LF line ends whatever the platform.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string path;
    private readonly FileStream stream;

    private AcknowledgedLog(string path, FileStream stream)
    {
        this.path = path;
        this.stream = stream;
    }

    /// <summary>
    /// Opens the file for appending (creating it), readable by others while the command runs. An
    /// incomplete last line, left by a command killed in the middle of a write, is removed first.
    /// </summary>
    public static AcknowledgedLog Open(string path)
    {
        try
        {
            DropIncompleteLastLine(path);
            // Unbuffered, so that each batch goes to the file in one write: a reader sees whole lines
            // (a kill in the middle of a long write can cut one short, and the next Open repairs that).
            return new AcknowledgedLog(path, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandFailedException($"cannot open the acknowledged log \"{path}\": {exception.Message}");
        }
    }

    /// <summary>Cuts an existing file after its last line end; refuses a file that does not look like a log.</summary>
    private static void DropIncompleteLastLine(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length == 0)
        {
            return;
        }
        var tailLength = (int)Math.Min(length, MaxLineBytes + 1);
        var tail = new byte[tailLength];
        stream.Position = length - tailLength;
        stream.ReadExactly(tail);
        var lastLineEnd = Array.LastIndexOf(tail, (byte)'\n');
        if (lastLineEnd == tailLength - 1)
        {
            return;
        }
        if (lastLineEnd < 0 && tailLength < length)
        {
            throw new CommandFailedException(string.Create(CultureInfo.InvariantCulture, $"\"{path}\" is not an acknowledged log: its last {tailLength:N0} bytes hold no line end"));
        }
        stream.SetLength(length - tailLength + lastLineEnd + 1);
    }

    /// <summary>Appends the ids of one committed batch, one per line, in a single write.</summary>
    public void Append(IReadOnlyCollection<string> acknowledgedIds)
    {
        if (acknowledgedIds.Count == 0)
        {
            return;
        }
        var lines = new StringBuilder();
        foreach (var id in acknowledgedIds)
        {
            lines.Append(id).Append('\n');
        }
        try
        {
            stream.Write(Utf8.GetBytes(lines.ToString()));
            stream.Flush();
        }
        catch (IOException exception)
        {
            throw new CommandFailedException($"cannot write to the acknowledged log \"{path}\" ({exception.Message}); the batch it was writing had been committed");
        }
    }

    public void Dispose() => stream.Dispose();
}
