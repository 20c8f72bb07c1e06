using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Queries.Function;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// The patterns a query can match, read from the query's structure. Excluded clauses give none,
/// so excluded words are never marked. Optional phrase and proximity clauses that only re-rank
/// what other clauses already match give none either (see <see cref="IsRankingAid"/>).
/// </summary>
internal static class QueryPatterns
{
    /// <summary>Most terms a prefix or wildcard contributes, as many as a query may expand to.</summary>
    public static int MaxExpansions => BooleanQuery.MaxClauseCount;

    public static IReadOnlyList<MatchPattern> Extract(Query query, IndexReader reader)
    {
        var patterns = new List<MatchPattern>();
        Collect(query, reader, patterns);
        return patterns;
    }

    private static void Collect(Query query, IndexReader reader, List<MatchPattern> patterns)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                CollectBoolean(boolean, reader, patterns);
                break;
            case TermQuery term:
                patterns.Add(Single(term.Term));
                break;
            case PhraseQuery phrase:
                AddPhrase(patterns, [.. phrase.GetTerms().Select(term => new[] { term })], phrase.GetPositions(), phrase.Slop);
                break;
            case MultiPhraseQuery multiPhrase:
                AddPhrase(patterns, [.. multiPhrase.GetTermArrays()], multiPhrase.GetPositions(), multiPhrase.Slop);
                break;
            case DisjunctionMaxQuery disjunction:
                foreach (var disjunct in disjunction.Disjuncts)
                {
                    Collect(disjunct, reader, patterns);
                }
                break;
            case ConstantScoreQuery { Query: { } inner }:
                Collect(inner, reader, patterns);
                break;
            case FilteredQuery filtered:
                Collect(filtered.Query, reader, patterns);
                break;
            case CustomScoreQuery custom:
                Collect(custom.SubQuery, reader, patterns);
                break;
            case BoostedQuery boosted:
                Collect(boosted.Query, reader, patterns);
                break;
            case MultiTermQuery multiTerm:
                patterns.Add(Expand(multiTerm, reader));
                break;
            case SpanTermQuery spanTerm:
                patterns.Add(Single(spanTerm.Term));
                break;
            case SpanNearQuery near when near.GetClauses().All(clause => clause is SpanTermQuery):
                var nearTerms = near.GetClauses().Cast<SpanTermQuery>().Select(clause => new[] { clause.Term }).ToList();
                AddPhrase(patterns, nearTerms, [.. Enumerable.Range(0, nearTerms.Count)], near.Slop);
                break;
            case MatchAllDocsQuery:
                break;
            default:
                CollectOther(query, reader, patterns);
                break;
        }
    }

    private static void CollectBoolean(BooleanQuery boolean, IndexReader reader, List<MatchPattern> patterns)
    {
        var clauses = new List<(Occur Occur, List<MatchPattern> Patterns)>();
        foreach (var clause in boolean.Clauses.Where(clause => !clause.IsProhibited))
        {
            var clausePatterns = new List<MatchPattern>();
            Collect(clause.Query, reader, clausePatterns);
            clauses.Add((clause.Occur, clausePatterns));
        }
        var hasRequired = clauses.Any(clause => clause.Occur == Occur.MUST);
        for (var i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].Occur != Occur.SHOULD || !IsRankingAid(clauses, i, hasRequired))
            {
                patterns.AddRange(clauses[i].Patterns);
            }
        }
    }

    /// <summary>
    /// An optional clause made only of phrases is there to rank documents whose words stand
    /// together higher, not to decide the match, when a required clause exists beside it, or
    /// when narrower siblings (fewer words per pattern) already ask for all of its words. Marking
    /// it would mark words where the query does not need them together: a proximity boost
    /// "big data guizhou"~8 beside the phrase "big data" would mark a lone "big" near "guizhou".
    /// </summary>
    private static bool IsRankingAid(List<(Occur Occur, List<MatchPattern> Patterns)> clauses, int index, bool hasRequired)
    {
        var patterns = clauses[index].Patterns;
        if (patterns.Count == 0 || patterns.Any(pattern => !pattern.IsPhrase))
        {
            return false;
        }
        if (hasRequired)
        {
            return true;
        }
        var width = patterns.Max(pattern => pattern.Parts.Count);
        var askedByNarrower = clauses
            .Where((clause, i) => i != index && clause.Patterns.Count > 0 && clause.Patterns.Max(pattern => pattern.Parts.Count) < width)
            .SelectMany(clause => clause.Patterns.SelectMany(pattern => pattern.Terms))
            .ToHashSet(StringComparer.Ordinal);
        return patterns.SelectMany(pattern => pattern.Terms).All(askedByNarrower.Contains);
    }

    /// <summary>Query types this class does not know: their rewritten form, or else their terms, each on its own.</summary>
    private static void CollectOther(Query query, IndexReader reader, List<MatchPattern> patterns)
    {
        var rewritten = query.Rewrite(reader);
        if (!ReferenceEquals(rewritten, query))
        {
            Collect(rewritten, reader, patterns);
            return;
        }
        var terms = new HashSet<Term>();
        try
        {
            query.ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            // A query without terms of its own (a function of field values, say) marks nothing.
            return;
        }
        patterns.AddRange(terms.Select(Single));
    }

    private static MatchPattern Single(Term term) =>
        new(term.Field, [new PatternPart(0, new HashSet<string>(StringComparer.Ordinal) { term.Text }, [Needles.For(term.Text)])], Slop: 0);

    private static void AddPhrase(List<MatchPattern> patterns, IReadOnlyList<Term[]> termsAtPositions, int[] positions, int slop)
    {
        if (termsAtPositions.Count == 0)
        {
            return;
        }
        var first = positions.Min();
        var parts = termsAtPositions
            .Select((terms, i) => (Offset: positions[i] - first, Terms: terms))
            .GroupBy(part => part.Offset)
            .OrderBy(group => group.Key)
            .Select(group =>
            {
                var terms = group.SelectMany(part => part.Terms).Select(term => term.Text).ToHashSet(StringComparer.Ordinal);
                return new PatternPart(group.Key, terms, [.. terms.Select(Needles.For).Distinct(StringComparer.Ordinal)]);
            })
            .ToList();
        patterns.Add(new MatchPattern(termsAtPositions[0][0].Field, parts, parts.Count > 1 ? slop : 0));
    }

    /// <summary>
    /// A prefix, wildcard or fuzzy term as the single pattern of the indexed terms it matches:
    /// those its own rewrite chose when that is a bounded list of terms, otherwise every term it
    /// accepts, up to <see cref="MaxExpansions"/>.
    /// </summary>
    private static MatchPattern Expand(MultiTermQuery query, IndexReader reader)
    {
        var terms = RewrittenTerms(query.Rewrite(reader)) ?? AcceptedTerms(query, reader);
        IReadOnlyList<string> needles = query is PrefixQuery prefix
            ? [Needles.For(prefix.Prefix.Text)]
            : [.. terms.Select(Needles.For).Distinct(StringComparer.Ordinal)];
        return new MatchPattern(query.Field, [new PatternPart(0, terms, needles)], Slop: 0);
    }

    private static HashSet<string>? RewrittenTerms(Query rewritten) => rewritten switch
    {
        ConstantScoreQuery { Query: { } inner } => RewrittenTerms(inner),
        BooleanQuery boolean when boolean.Clauses.All(clause => clause.Query is TermQuery) =>
            boolean.Clauses.Select(clause => ((TermQuery)clause.Query).Term.Text).ToHashSet(StringComparer.Ordinal),
        _ => null,
    };

    private static HashSet<string> AcceptedTerms(MultiTermQuery query, IndexReader reader)
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var fieldTerms = MultiFields.GetTerms(reader, query.Field);
        if (fieldTerms is null)
        {
            return accepted;
        }
        var termsEnum = query.GetTermsEnum(fieldTerms);
        while (accepted.Count < MaxExpansions && termsEnum.MoveNext())
        {
            accepted.Add(termsEnum.Term.Utf8ToString());
        }
        return accepted;
    }
}
