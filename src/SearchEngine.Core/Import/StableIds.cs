using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SearchEngine.Core.Import;

/// <summary>Ids for pages that carry none: derived from what identifies the page, so importing it again upserts.</summary>
internal static class StableIds
{
    /// <summary>The key of a page known only by its title and date.</summary>
    public static string TitleAndDate(string? title, DateTimeOffset? publishedAt) =>
        (title ?? "") + "\n" + (publishedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "");

    /// <summary><paramref name="prefix"/> and the first 16 hex digits of the key's SHA-256.</summary>
    public static string From(string prefix, string key) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
}
