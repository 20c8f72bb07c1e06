using System.Text;
using Lucene.Net.Search.Highlight;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Escapes the five HTML-significant characters and nothing else: Lucene's SimpleHTMLEncoder
/// also turns every non-ASCII character into a numeric entity, which makes Chinese snippets
/// unreadable to any client that does not render HTML. Also drops the private-use characters
/// the highlighter uses as mark sentinels, so text can never forge a mark.
/// </summary>
internal sealed class HtmlTextEncoder : IEncoder
{
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    public string EncodeText(string originalText)
    {
        if (string.IsNullOrEmpty(originalText))
        {
            return "";
        }
        var builder = new StringBuilder(originalText.Length + 16);
        foreach (var c in originalText)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case MarkStart or MarkEnd: break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}
