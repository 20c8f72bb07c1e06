using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <param name="Matching">What the request matches: its hits, and the query that marks them.</param>
/// <param name="Relaxed">
/// For match ALL with two or more top-level clauses: the same clauses of which only
/// <see cref="QueryBuilder.RelaxedMinimum"/> are required, tried when <paramref name="Matching"/>
/// finds nothing. Null when relaxing would change nothing.
/// </param>
/// <param name="Proximity">
/// Optional clauses that score articles where neighbouring query words stand close together:
/// added to the matching query for relevance ranking, never used for matching or marking.
/// </param>
public sealed record BuiltQuery(Query Matching, Query? Relaxed, IReadOnlyList<Query> Proximity);

/// <summary>Turns a request's query text into Lucene queries over the article fields.</summary>
public static class QueryBuilder
{
    /// <summary>A trailing <c>*</c> expands to at most this many indexed words (the most frequent).</summary>
    public const int MaxPrefixExpansions = 64;

    /// <summary>Most words and phrases in one query, counted wherever they stand (groups, OR, exclusions).</summary>
    public const int MaxClauses = 200;

    /// <summary>Most prefix words (<c>word*</c>) in one query: each expands to up to <see cref="MaxPrefixExpansions"/> words per field.</summary>
    public const int MaxPrefixes = 8;

    /// <summary>How far apart two neighbouring query words may stand and still earn a proximity score.</summary>
    public const int ProximitySlop = 4;

    /// <summary>At most this many neighbouring pairs of query words are scored for proximity (long pasted texts).</summary>
    public const int MaxProximityPairs = 32;

    private static readonly MostFrequentTermsRewrite PrefixRewrite = new(MaxPrefixExpansions);

    /// <summary>How many of <paramref name="clauses"/> top-level clauses a relaxed query requires: ⌊3n/4⌋, at least 1.</summary>
    public static int RelaxedMinimum(int clauses) => Math.Max(1, clauses * 3 / 4);

    /// <summary>
    /// Parses and analyses the request's text. Empty text matches every article; text without a
    /// searchable word (only punctuation) matches none. A fresh parse per call, nothing shared.
    /// </summary>
    public static BuiltQuery Build(SearchQuery request, Analyzer analyzer)
    {
        var text = request.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BuiltQuery(new MatchAllDocsQuery(), null, []);
        }
        if (text.Length > SearchQuery.MaxQueryLength)
        {
            throw new InvalidRequestException("query", $"query is {text.Length} characters long; at most {SearchQuery.MaxQueryLength} are allowed");
        }
        var root = request.Syntax == QuerySyntax.Plain ? QueryLanguage.ParsePlain(text) : QueryLanguage.ParseSimple(text);
        CheckClauses(root);
        var compiler = new Compiler(analyzer, request.Match);
        return request.Syntax == QuerySyntax.Plain && request.Match == MatchMode.Any
            ? compiler.BagOfWords(root)
            : compiler.Root(root);
    }

    /// <summary>Refuses a query with more words and phrases than <see cref="MaxClauses"/> or more prefixes than <see cref="MaxPrefixes"/>.</summary>
    private static void CheckClauses(QueryNode root)
    {
        var clauses = 0;
        var prefixes = 0;
        var pending = new Stack<QueryNode>([root]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case WordNode word:
                    clauses++;
                    prefixes += word.IsPrefix ? 1 : 0;
                    break;
                case PhraseNode:
                    clauses++;
                    break;
                case NotNode not:
                    pending.Push(not.Operand);
                    break;
                default:
                    var children = node switch
                    {
                        OrNode or => or.Alternatives,
                        AndNode and => and.Operands,
                        SequenceNode sequence => sequence.Items,
                        _ => throw new ArgumentOutOfRangeException(nameof(root), node.GetType().Name, "unknown query node"),
                    };
                    foreach (var child in children)
                    {
                        pending.Push(child);
                    }
                    break;
            }
        }
        if (clauses > MaxClauses)
        {
            throw new InvalidRequestException("query", $"query has {clauses} words and phrases; at most {MaxClauses} are allowed");
        }
        if (prefixes > MaxPrefixes)
        {
            throw new InvalidRequestException("query", $"query has {prefixes} prefix words (word*); at most {MaxPrefixes} are allowed, each matching its {MaxPrefixExpansions} most frequent words");
        }
    }

    /// <summary>An analysed word: its term and its position relative to the first word of the same text.</summary>
    private readonly record struct Token(string Term, int Position);

    private sealed class Compiler(Analyzer analyzer, MatchMode mode)
    {
        /// <summary>The query language: top-level clauses joined by the match mode.</summary>
        public BuiltQuery Root(SequenceNode root)
        {
            var (positives, negatives) = CompileItems(root.Items);
            var matching = Combine(positives, negatives, mode == MatchMode.All ? Occur.MUST : Occur.SHOULD) ?? new BooleanQuery();
            Query? relaxed = null;
            if (mode == MatchMode.All && positives.Count >= 2)
            {
                relaxed = Combine(positives, negatives, Occur.SHOULD);
                ((BooleanQuery)relaxed!).MinimumNumberShouldMatch = RelaxedMinimum(positives.Count);
            }
            return new BuiltQuery(matching, relaxed, ProximityClauses(NeighbouringRuns(root.Items)));
        }

        /// <summary>
        /// Plain text with match ANY: every analysed word on its own (repeats weigh more), so a
        /// pasted paragraph finds articles sharing its words.
        /// </summary>
        public BuiltQuery BagOfWords(SequenceNode root)
        {
            var tokens = root.Items.Cast<WordNode>().SelectMany(word => Analyse(word.Text)).ToList();
            var clauses = new List<Query>();
            foreach (var group in tokens.GroupBy(token => token.Term, StringComparer.Ordinal))
            {
                var clause = AnalysedQuery([new Token(group.Key, 0)], QueryField.Default)!;
                clause.Boost = group.Count();
                clauses.Add(clause);
            }
            var matching = Combine(clauses, [], Occur.SHOULD) ?? new BooleanQuery();
            var runs = tokens.Select(token => (IReadOnlyList<Token>)[token with { Position = 0 }]).ToList();
            return new BuiltQuery(matching, null, ProximityClauses([runs]));
        }

        private (List<Query> Positives, List<Query> Negatives) CompileItems(IEnumerable<QueryNode> items)
        {
            var positives = new List<Query>();
            var negatives = new List<Query>();
            foreach (var item in items)
            {
                if (item is NotNode not)
                {
                    if (Compile(not.Operand) is { } excluded)
                    {
                        negatives.Add(excluded);
                    }
                }
                else if (Compile(item) is { } included)
                {
                    positives.Add(included);
                }
            }
            return (positives, negatives);
        }

        /// <summary>
        /// Positives joined by <paramref name="occur"/>, minus the negatives; only negatives
        /// means every article except those. Null when nothing is left (words that analyse to nothing).
        /// </summary>
        private static Query? Combine(List<Query> positives, List<Query> negatives, Occur occur)
        {
            if (positives.Count == 0 && negatives.Count == 0)
            {
                return null;
            }
            if (positives.Count == 1 && negatives.Count == 0)
            {
                return positives[0];
            }
            var combined = new BooleanQuery();
            foreach (var positive in positives)
            {
                combined.Add(positive, occur);
            }
            if (positives.Count == 0)
            {
                combined.Add(new MatchAllDocsQuery(), Occur.MUST);
            }
            foreach (var negative in negatives)
            {
                combined.Add(negative, Occur.MUST_NOT);
            }
            return combined;
        }

        private Query? Compile(QueryNode node) => node switch
        {
            WordNode { IsPrefix: true } word => PrefixQuery(word.Text, word.Field),
            WordNode word => TextQuery(word.Text, word.Field),
            PhraseNode phrase => TextQuery(phrase.Text, phrase.Field),
            NotNode not => Combine([], Compile(not.Operand) is { } excluded ? [excluded] : [], Occur.MUST),
            OrNode or => Combine([.. or.Alternatives.Select(Compile).OfType<Query>()], [], Occur.SHOULD),
            AndNode and => CombineItems(and.Operands, Occur.MUST),
            SequenceNode sequence => CombineItems(sequence.Items, mode == MatchMode.All ? Occur.MUST : Occur.SHOULD),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "unknown query node"),
        };

        private Query? CombineItems(IEnumerable<QueryNode> items, Occur occur)
        {
            var (positives, negatives) = CompileItems(items);
            return Combine(positives, negatives, occur);
        }

        /// <summary>
        /// A word or phrase: exact fields take it whole; analysed fields take its words, as a
        /// phrase when it has several (a Chinese run, 5G网络, a quoted phrase).
        /// </summary>
        private Query? TextQuery(string text, QueryField field)
        {
            if (IsExact(field))
            {
                return text.Length == 0 ? null : new TermQuery(new Term(FieldsOf(field)[0], text));
            }
            var words = AnalysedQuery(Analyse(text), field);
            if (CharacterBigramsOf(field) is not { } bigramFields || CharacterBigramPhrase(text, bigramFields) is not { } characters)
            {
                return words;
            }
            if (words is null)
            {
                return characters;
            }
            // Either the words as SmartCn reads them, or the same characters side by side where
            // the word boundaries differ (a query that cuts a word: 见冰岛总统 in 会见冰岛总统).
            // An article matching both scores both, so whole-word matches rank first.
            return new BooleanQuery { { words, Occur.SHOULD }, { characters, Occur.SHOULD } };
        }

        /// <summary>The text's character pairs as one phrase in each bigram field, boosted as its word field; null without CJK.</summary>
        private Query? CharacterBigramPhrase(string text, IReadOnlyList<(string Bigrams, string Words)> fields)
        {
            if (!CharacterBigramTokenizer.ContainsCjk(text))
            {
                return null;
            }
            // Where a pair and a lone edge character share a position, the query wants the pair:
            // its edge characters may stand inside a longer run in the article.
            var tokens = new List<string>();
            using (var stream = analyzer.GetTokenStream(ArticleFields.BodyBigrams, text))
            {
                var term = stream.AddAttribute<ICharTermAttribute>();
                var increment = stream.AddAttribute<IPositionIncrementAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    var token = term.ToString();
                    if (increment.PositionIncrement > 0)
                    {
                        tokens.Add(token);
                    }
                    else if (token.Length > tokens[^1].Length)
                    {
                        tokens[^1] = token;
                    }
                }
                stream.End();
            }
            if (tokens.All(token => token.EnumerateRunes().Count() == 1))
            {
                // Single characters (大 on its own) are words the user typed: matching them inside
                // other words by character would find 大 in every 大家.
                return null;
            }
            var perField = fields.Select(field =>
            {
                Query query = tokens.Count == 1 ? new TermQuery(new Term(field.Bigrams, tokens[0])) : Phrase(field.Bigrams, tokens);
                query.Boost = BoostOf(field.Words);
                return query;
            }).ToList();
            if (perField.Count == 1)
            {
                return perField[0];
            }
            var either = new BooleanQuery();
            foreach (var query in perField)
            {
                either.Add(query, Occur.SHOULD);
            }
            return either;
        }

        private static PhraseQuery Phrase(string field, List<string> terms)
        {
            var phrase = new PhraseQuery();
            foreach (var term in terms)
            {
                phrase.Add(new Term(field, term));
            }
            return phrase;
        }

        private static Query? AnalysedQuery(IReadOnlyList<Token> tokens, QueryField field)
        {
            if (tokens.Count == 0)
            {
                return null;
            }
            return AcrossFields(field, name =>
            {
                if (tokens.Count == 1)
                {
                    return new TermQuery(new Term(name, tokens[0].Term));
                }
                var phrase = new PhraseQuery();
                foreach (var token in tokens)
                {
                    phrase.Add(new Term(name, token.Term), token.Position);
                }
                return phrase;
            });
        }

        /// <summary>Analysed fields are matched lower-cased and width-folded, as their words are indexed (but not stemmed).</summary>
        private static Query PrefixQuery(string prefix, QueryField field)
        {
            var normalized = IsExact(field) ? prefix : prefix.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
            return AcrossFields(field, name => new PrefixQuery(new Term(name, normalized)) { MultiTermRewriteMethod = PrefixRewrite });
        }

        /// <summary>The query for each Lucene field of <paramref name="field"/>, boosted; any of them may match.</summary>
        private static Query AcrossFields(QueryField field, Func<string, Query> perField)
        {
            var names = FieldsOf(field);
            if (names.Count == 1)
            {
                var single = perField(names[0]);
                single.Boost = BoostOf(names[0]);
                return single;
            }
            var either = new BooleanQuery();
            foreach (var name in names)
            {
                var query = perField(name);
                query.Boost = BoostOf(name);
                either.Add(query, Occur.SHOULD);
            }
            return either;
        }

        /// <summary>
        /// The analysed words of the top-level words and phrases searched in the default fields,
        /// in query order, as runs of neighbours: anything else between two of them (an OR, a
        /// group, a field, an exclusion, a prefix) separates them.
        /// </summary>
        private List<List<IReadOnlyList<Token>>> NeighbouringRuns(IEnumerable<QueryNode> items)
        {
            var runs = new List<List<IReadOnlyList<Token>>> { new() };
            foreach (var item in items)
            {
                var text = item switch
                {
                    WordNode { IsPrefix: false, Field: QueryField.Default } word => word.Text,
                    PhraseNode { Field: QueryField.Default } phrase => phrase.Text,
                    _ => null,
                };
                if (text is null)
                {
                    if (runs[^1].Count > 0)
                    {
                        runs.Add([]);
                    }
                }
                else if (Analyse(text) is { Count: > 0 } tokens)
                {
                    runs[^1].Add(tokens);
                }
            }
            return runs;
        }

        /// <summary>
        /// For each pair of neighbouring words (or runs such as 贵州大数据), a sloppy phrase over
        /// title and body: it scores only where the two stand within <see cref="ProximitySlop"/>
        /// positions, and more the closer they are.
        /// </summary>
        private static List<Query> ProximityClauses(IEnumerable<List<IReadOnlyList<Token>>> runs)
        {
            var clauses = new List<Query>();
            foreach (var run in runs)
            {
                for (var i = 0; i + 1 < run.Count && clauses.Count < MaxProximityPairs; i++)
                {
                    var first = run[i];
                    var second = run[i + 1];
                    if (first.Select(token => token.Term).SequenceEqual(second.Select(token => token.Term)))
                    {
                        // A repeated word ("data data") says nothing about proximity.
                        continue;
                    }
                    var offset = first[^1].Position + 1 - second[0].Position;
                    var pair = first.Concat(second.Select(token => token with { Position = token.Position + offset })).ToList();
                    clauses.Add(AcrossFields(QueryField.Default, name =>
                    {
                        var phrase = new PhraseQuery { Slop = ProximitySlop };
                        foreach (var token in pair)
                        {
                            phrase.Add(new Term(name, token.Term), token.Position);
                        }
                        return phrase;
                    }));
                }
            }
            return clauses;
        }

        /// <summary>The words the analyzer makes of the text, positions relative to the first (gaps kept, as indexed).</summary>
        private List<Token> Analyse(string text)
        {
            var tokens = new List<Token>();
            using var stream = analyzer.GetTokenStream(ArticleFields.Body, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                tokens.Add(new Token(term.ToString(), position));
            }
            stream.End();
            return tokens.Count == 0 ? tokens : [.. tokens.Select(token => token with { Position = token.Position - tokens[0].Position })];
        }
    }

    private static bool IsExact(QueryField field) => field is QueryField.Source or QueryField.Section or QueryField.Tag;

    private static IReadOnlyList<string> FieldsOf(QueryField field) => field switch
    {
        QueryField.Default => [ArticleFields.Title, ArticleFields.Body],
        QueryField.Title => [ArticleFields.Title],
        QueryField.Body => [ArticleFields.Body],
        QueryField.Author => [ArticleFields.Author],
        QueryField.Source => [ArticleFields.Source],
        QueryField.Section => [ArticleFields.Section],
        QueryField.Tag => [ArticleFields.Tags],
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown query field"),
    };

    /// <summary>The character-pair fields beside the word fields a query field searches; null for fields without them.</summary>
    private static IReadOnlyList<(string Bigrams, string Words)>? CharacterBigramsOf(QueryField field) => field switch
    {
        QueryField.Default => [(ArticleFields.TitleBigrams, ArticleFields.Title), (ArticleFields.BodyBigrams, ArticleFields.Body)],
        QueryField.Title => [(ArticleFields.TitleBigrams, ArticleFields.Title)],
        QueryField.Body => [(ArticleFields.BodyBigrams, ArticleFields.Body)],
        _ => null,
    };

    private static float BoostOf(string field) => ArticleFields.SearchedFieldBoosts.GetValueOrDefault(field, 1f);
}
