using System.Text;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// HTML escaping for marked text. Lucene's SimpleHTMLEncoder also turns every non-ASCII
/// character into a numeric entity, which makes Chinese unreadable to any client that does not
/// render HTML; this escapes the five HTML-significant characters and nothing else.
/// </summary>
internal static class HtmlText
{
    public static void AppendEscaped(StringBuilder builder, char c)
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
}
