using System.Text;
using Lucene.Net.Search.Highlight;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// HTML escaping for marked text. Lucene's SimpleHTMLEncoder also turns every non-ASCII
/// character into a numeric entity, which makes Chinese unreadable to any client that does not
/// render HTML; this escapes the five HTML-significant characters and nothing else.
/// </summary>
internal static class HtmlText
{
    /// <summary>Escapes text that may carry mark sentinels; the sentinels pass through.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}

/// <summary>
/// The highlighter's encoder: leaves text raw (escaping happens once the snippet is chosen) but
/// drops the private-use sentinel characters, so article text can never forge a mark.
/// </summary>
internal sealed class SentinelStrippingEncoder : IEncoder
{
    public string EncodeText(string originalText) => Marks.Strip(originalText);
}
