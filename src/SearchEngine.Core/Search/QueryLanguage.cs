using System.Diagnostics;
using System.Text;

namespace SearchEngine.Core.Search;

/// <summary>
/// Reads query text into a <see cref="QueryNode"/> tree. The SIMPLE language: words side by
/// side (joined by the match mode), <c>"phrases"</c>, <c>-exclusion</c> (also <c>NOT</c>),
/// <c>OR</c> (binds tighter than <c>AND</c>, which binds tighter than juxtaposition),
/// parentheses, the field prefixes of <see cref="FieldPrefixes"/>, a trailing <c>*</c> for a
/// prefix, and <c>\</c> to make the next character literal. Errors are
/// <see cref="InvalidRequestException"/>s on <c>query</c> naming the 1-based character position.
/// </summary>
public static class QueryLanguage
{
    /// <summary>Deepest nesting of parentheses accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>Shortest prefix, in characters, before a trailing <c>*</c>: bounds the expansion.</summary>
    public const int MinPrefixLength = 2;

    /// <summary>The field prefixes (case-insensitive) and the field each restricts to.</summary>
    public static readonly IReadOnlyDictionary<string, QueryField> FieldPrefixes = new Dictionary<string, QueryField>(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = QueryField.Title,
        ["body"] = QueryField.Body,
        ["author"] = QueryField.Author,
        ["source"] = QueryField.Source,
        ["section"] = QueryField.Section,
        ["tag"] = QueryField.Tag,
    };

    /// <summary>Parses the query language.</summary>
    public static SequenceNode ParseSimple(string text) => new Parser(text, Lexer.Read(text)).ParseQuery();

    /// <summary>Reads text literally: every whitespace-separated run is a word, operators included.</summary>
    public static SequenceNode ParsePlain(string text)
    {
        var words = new List<QueryNode>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || char.IsWhiteSpace(text[i]);
            if (!boundary && start < 0)
            {
                start = i;
            }
            else if (boundary && start >= 0)
            {
                words.Add(new WordNode(text[start..i], QueryField.Default, IsPrefix: false, start));
                start = -1;
            }
        }
        return new SequenceNode(words, 0);
    }

    /// <summary>The 1-based position of a UTF-16 index, counting a surrogate pair as one character.</summary>
    public static int Column(string text, int index)
    {
        var column = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                column++;
            }
        }
        return column;
    }

    private enum TokenKind
    {
        Word,
        Phrase,
        Open,
        Close,
        Or,
        And,
        Not,
        Field,
        End,
    }

    private sealed record Token(TokenKind Kind, int Position, string Text = "", QueryField Field = QueryField.Default, bool IsPrefix = false);

    private static InvalidRequestException Error(string text, int index, string what, string? hint = null) =>
        new("query", $"query has {what} at position {Column(text, index)}{(hint is null ? "" : $"; {hint}")}");

    private sealed class Lexer
    {
        private readonly string text;
        private readonly List<Token> tokens = [];

        private Lexer(string text) => this.text = text;

        public static List<Token> Read(string text)
        {
            var lexer = new Lexer(text);
            lexer.ReadAll();
            return lexer.tokens;
        }

        private void ReadAll()
        {
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '(')
                {
                    tokens.Add(new Token(TokenKind.Open, i++));
                }
                else if (c == ')')
                {
                    tokens.Add(new Token(TokenKind.Close, i++));
                }
                else if (c == '"')
                {
                    i = ReadPhrase(i);
                }
                else
                {
                    i = ReadChunk(i);
                }
            }
            tokens.Add(new Token(TokenKind.End, text.Length));
        }

        private int ReadPhrase(int start)
        {
            var phrase = new StringBuilder();
            for (var i = start + 1; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    phrase.Append(text[++i]);
                }
                else if (text[i] == '"')
                {
                    tokens.Add(new Token(TokenKind.Phrase, start, phrase.ToString()));
                    return i + 1;
                }
                else
                {
                    phrase.Append(text[i]);
                }
            }
            throw new InvalidRequestException("query", $"query has an unbalanced quote: the one at position {Column(text, start)} is never closed");
        }

        /// <summary>A run up to whitespace, a parenthesis or a quote: an operator, or [-][field:]word.</summary>
        private int ReadChunk(int start)
        {
            var chars = new List<(char Char, bool Escaped, int Index)>();
            var i = start;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    chars.Add((text[i + 1], true, i));
                    i += 2;
                }
                else
                {
                    chars.Add((text[i], false, i));
                    i++;
                }
            }
            var end = i;
            var gluedToGroupOrPhrase = end < text.Length && text[end] is '(' or '"';

            if (chars.All(item => !item.Escaped) && text[start..end] is "OR" or "AND" or "NOT")
            {
                tokens.Add(new Token(text[start..end] switch { "OR" => TokenKind.Or, "AND" => TokenKind.And, _ => TokenKind.Not }, start));
                return end;
            }

            var at = 0;
            if (chars[0] is ('-', false, _) && (chars.Count > 1 || gluedToGroupOrPhrase))
            {
                tokens.Add(new Token(TokenKind.Not, start));
                at = 1;
            }

            var colon = chars.FindIndex(at, item => item is (':', false, _));
            if (colon > at && chars[at..colon].All(item => !item.Escaped)
                && FieldPrefixes.TryGetValue(new string([.. chars[at..colon].Select(item => item.Char)]), out var field))
            {
                var prefixStart = chars[at].Index;
                tokens.Add(new Token(TokenKind.Field, prefixStart, Field: field));
                at = colon + 1;
                if (at == chars.Count && !gluedToGroupOrPhrase)
                {
                    var prefix = text[prefixStart..(chars[colon].Index + 1)];
                    throw Error(text, prefixStart, $"the field prefix {prefix} with nothing after it", $"write {prefix}word, {prefix}\"a phrase\" or {prefix}(words)");
                }
            }

            if (at < chars.Count)
            {
                ReadWord(chars[at..]);
            }
            return end;
        }

        private void ReadWord(List<(char Char, bool Escaped, int Index)> chars)
        {
            var wildcards = chars.Select((item, index) => (item, index)).Where(pair => pair.item is ('*', false, _)).Select(pair => pair.index).ToList();
            if (wildcards.Contains(0))
            {
                throw Error(text, chars[0].Index, "a leading wildcard", "a word may end with * to match a prefix, but not start with it");
            }
            if (wildcards.Any(index => index != chars.Count - 1))
            {
                throw Error(text, chars[wildcards[0]].Index, "a * inside a word", "only a trailing * (prefix*) is supported; write \\* for a literal *");
            }
            var isPrefix = wildcards.Count == 1;
            var word = new string([.. chars.Take(isPrefix ? chars.Count - 1 : chars.Count).Select(item => item.Char)]);
            if (isPrefix && word.EnumerateRunes().Count() < MinPrefixLength)
            {
                throw Error(text, chars[0].Index, $"the prefix {word}*", $"a prefix needs at least {MinPrefixLength} characters before the *");
            }
            tokens.Add(new Token(TokenKind.Word, chars[0].Index, word, IsPrefix: isPrefix));
        }
    }

    private sealed class Parser(string text, List<Token> tokens)
    {
        private int next;

        private Token Peek => tokens[next];

        private Token Advance() => tokens[next++];

        public SequenceNode ParseQuery() => ParseSequence(QueryField.Default, opening: null, depth: 0);

        private SequenceNode ParseSequence(QueryField field, Token? opening, int depth)
        {
            var items = new List<QueryNode>();
            while (true)
            {
                var token = Peek;
                switch (token.Kind)
                {
                    case TokenKind.End when opening is not null:
                        throw new InvalidRequestException("query", $"query has an unbalanced parenthesis: the one at position {Column(text, opening.Position)} is never closed");
                    case TokenKind.End:
                        return new SequenceNode(items, 0);
                    case TokenKind.Close when opening is null:
                        throw Error(text, token.Position, "a closing parenthesis that was never opened");
                    case TokenKind.Close:
                        Advance();
                        return new SequenceNode(items, opening.Position);
                    case TokenKind.Or or TokenKind.And:
                        throw Error(text, token.Position, $"{token.Kind.ToString().ToUpperInvariant()} with nothing before it");
                    default:
                        items.Add(ParseConjunction(field, depth));
                        break;
                }
            }
        }

        private QueryNode ParseConjunction(QueryField field, int depth)
        {
            var first = ParseDisjunction(field, depth);
            if (Peek.Kind != TokenKind.And)
            {
                return first;
            }
            var operands = new List<QueryNode> { first };
            while (Peek.Kind == TokenKind.And)
            {
                RequireOperandAfter(Advance());
                operands.Add(ParseDisjunction(field, depth));
            }
            return new AndNode(operands, first.Position);
        }

        private QueryNode ParseDisjunction(QueryField field, int depth)
        {
            var first = ParseOperand(field, depth);
            if (Peek.Kind != TokenKind.Or)
            {
                return first;
            }
            var alternatives = new List<QueryNode> { first };
            while (Peek.Kind == TokenKind.Or)
            {
                RequireOperandAfter(Advance());
                alternatives.Add(ParseOperand(field, depth));
            }
            return new OrNode(alternatives, first.Position);
        }

        private QueryNode ParseOperand(QueryField field, int depth)
        {
            if (Peek.Kind != TokenKind.Not)
            {
                return ParseAtom(field, depth);
            }
            var not = Advance();
            RequireOperandAfter(not);
            return new NotNode(ParseOperand(field, depth), not.Position);
        }

        private QueryNode ParseAtom(QueryField field, int depth)
        {
            var token = Advance();
            switch (token.Kind)
            {
                case TokenKind.Field:
                    // The lexer only emits a field followed by its word, phrase or group.
                    return ParseAtom(token.Field, depth);
                case TokenKind.Open when depth >= MaxDepth:
                    throw Error(text, token.Position, $"parentheses nested more than {MaxDepth} deep");
                case TokenKind.Open when Peek.Kind == TokenKind.Close:
                    throw Error(text, token.Position, "empty parentheses");
                case TokenKind.Open:
                    return ParseSequence(field, token, depth + 1);
                case TokenKind.Phrase:
                    return new PhraseNode(token.Text, field, token.Position);
                case TokenKind.Word:
                    return new WordNode(token.Text, field, token.IsPrefix, token.Position);
                default:
                    throw new UnreachableException($"{token.Kind} at {token.Position} where an operand was checked to be");
            }
        }

        /// <summary>Called for OR, AND and NOT written as words (a glued - always has its operand).</summary>
        private void RequireOperandAfter(Token op)
        {
            if (Peek.Kind is TokenKind.End or TokenKind.Close or TokenKind.Or or TokenKind.And)
            {
                throw Error(text, op.Position, $"{op.Kind.ToString().ToUpperInvariant()} with nothing after it");
            }
        }
    }
}
