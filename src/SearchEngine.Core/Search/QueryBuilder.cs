using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <summary>Turns user query text into a Lucene query over title and body.</summary>
public static class QueryBuilder
{
    /// <summary>
    /// Every whitespace-separated term is required, in the title (boosted) or the body. A run
    /// that analyses to several words (a Chinese run such as 贵州大数据, or 5G网络) becomes a
    /// phrase, so its words must stand together. A fresh parser per call: the classic parser is
    /// not thread-safe.
    /// </summary>
    public static Query Build(string text, Analyzer analyzer)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new MatchAllDocsQuery();
        }
        if (text.Length > SearchQuery.MaxQueryLength)
        {
            throw new InvalidRequestException("query", $"query is {text.Length} characters long; at most {SearchQuery.MaxQueryLength} are allowed");
        }
        CheckBalanced(text);
        var parser = new MultiFieldQueryParser(NewsAnalyzer.Version, [.. ArticleFields.SearchedFieldBoosts.Keys], analyzer,
            ArticleFields.SearchedFieldBoosts.ToDictionary())
        {
            DefaultOperator = Operator.AND,
            AutoGeneratePhraseQueries = true,
            AllowLeadingWildcard = false,
        };
        try
        {
            return parser.Parse(text) ?? new BooleanQuery();
        }
        catch (ParseException exception)
        {
            throw new InvalidRequestException("query", $"query could not be parsed: {FirstLine(exception.Message)}");
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            throw new InvalidRequestException("query", $"query expands to more than {BooleanQuery.MaxClauseCount} terms; make it more specific");
        }
    }

    /// <summary>Reports unbalanced quotes and parentheses with their position, which Lucene's messages do not make clear.</summary>
    private static void CheckBalanced(string text)
    {
        var openParentheses = new Stack<int>();
        int? openQuote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (c == '"')
            {
                openQuote = openQuote is null ? i : null;
            }
            else if (openQuote is null && c == '(')
            {
                openParentheses.Push(i);
            }
            else if (openQuote is null && c == ')')
            {
                if (openParentheses.Count == 0)
                {
                    throw new InvalidRequestException("query", $"query has a closing parenthesis at position {i + 1} that was never opened");
                }
                openParentheses.Pop();
            }
        }
        if (openQuote is { } quote)
        {
            throw new InvalidRequestException("query", $"query has an unbalanced quote: the one at position {quote + 1} is never closed");
        }
        if (openParentheses.Count > 0)
        {
            throw new InvalidRequestException("query", $"query has an unbalanced parenthesis: the one at position {openParentheses.Peek() + 1} is never closed");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
