using System.Security.Cryptography;

namespace SearchEngine.Core.Search;

/// <summary>
/// Signs page tokens with HMAC-SHA256 under a 256-bit secret kept in the index folder
/// (<see cref="FileName"/>), created with the index. Kept with the index rather than drawn per
/// process, so a restart does not turn the tokens clients hold into forgeries: a token from
/// before the restart is still recognised, and its message says what became of its walk. The
/// file is not part of a Lucene commit, so a backup does not carry it and a server started on
/// a restored copy makes its own: tokens never cross from one index to another.
/// </summary>
internal sealed class PageTokenSigner
{
    public const string FileName = "page-token.key";
    public const int MacLength = 16;
    private const int KeyLength = 32;

    private readonly byte[] key;

    private PageTokenSigner(byte[] key) => this.key = key;

    /// <summary>Reads the folder's key, or creates it (written whole, then renamed into place, readable by the owner only).</summary>
    public static PageTokenSigner LoadOrCreate(string indexFolder)
    {
        var path = Path.Combine(indexFolder, FileName);
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: KeyLength } existing)
        {
            return new PageTokenSigner(existing);
        }
        // Absent, or cut short by a crash before the rename could happen (then it is not in use).
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            stream.Write(key);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return new PageTokenSigner(key);
    }

    public byte[] Sign(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(key, payload)[..MacLength];

    public bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> mac) =>
        mac.Length == MacLength && CryptographicOperations.FixedTimeEquals(Sign(payload), mac);
}
