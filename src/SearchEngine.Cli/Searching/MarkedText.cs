using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SearchEngine.Cli.Searching;

/// <summary>
/// Turns the server's marked text (HTML-escaped, matched terms between &lt;em&gt; and &lt;/em&gt;) into
/// terminal text: marks become bold on a terminal and stay as &lt;em&gt; tags elsewhere; the text
/// between them is unescaped.
/// </summary>
internal static partial class MarkedText
{
    public const string PreTag = "<em>";
    public const string PostTag = "</em>";

    private const string AnsiBold = "\e[1m";
    private const string AnsiNormalIntensity = "\e[22m";

    public static string Render(string marked, bool asAnsi)
    {
        var builder = new StringBuilder(marked.Length);
        // The text is escaped, so a raw tag can only be a mark; splitting on each unescapes text alone.
        foreach (var part in MarkPattern().Split(marked))
        {
            builder.Append(part switch
            {
                PreTag => asAnsi ? AnsiBold : PreTag,
                PostTag => asAnsi ? AnsiNormalIntensity : PostTag,
                _ => WebUtility.HtmlDecode(part),
            });
        }
        return builder.ToString();
    }

    [GeneratedRegex("(</?em>)")]
    private static partial Regex MarkPattern();
}
