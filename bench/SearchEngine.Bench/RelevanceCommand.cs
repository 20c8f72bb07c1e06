using System.Globalization;
using Grpc.Core;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Bench;

/// <summary>
/// Ranking quality through the Search RPC of the Release server: CACM MAP and P@30 against
/// judged qrels, and known-item success on the Chinese corpus. See bench/README.md.
/// </summary>
internal static class RelevanceCommand
{
    private const int CacmDepth = 1000;
    private const int MaxPageSize = 100;
    private const int KnownItemSample = 300;
    private const int DefaultSeed = 20261128;

    // Reference figures quoted by the issue and the peer's RESULTS.md, printed beside ours.
    private const double PeerSmartCnMap = 0.2955;
    private const double PeerSmartCnP30 = 0.1788;
    private const double AnseriniMap = 0.3102;
    private const double AnseriniP30 = 0.1936;

    public static async Task RunAsync(Workspace workspace, BenchOptions options)
    {
        var seed = options.GetInt("seed", DefaultSeed);
        var config = EngineConfig.From(options);
        Console.WriteLine($"relevance bench, {config.Describe()}, load {Machine.LoadAverage()}");
        var parts = options.Get("part") ?? "all";
        if (parts is not ("all" or "cacm" or "known-item"))
        {
            throw new BenchException($"--part is \"{parts}\"; give all, cacm or known-item");
        }
        if (parts is "all" or "cacm")
        {
            PrintCacm(await MeasureCacmAsync(workspace, config));
        }
        if (parts is "all" or "known-item")
        {
            var (distinctive, any) = await MeasureKnownItemAsync(workspace, config, seed);
            PrintKnownItem(distinctive, seed, "a 4–8 character substring of the title that no other title contains", withTargets: true);
            PrintKnownItem(any, seed, "any 4–8 character substring of the title, shared with other titles or not", withTargets: false);
        }
    }

    private static void PrintCacm(CacmResult cacm)
    {
        Console.WriteLine($"CACM (52 judged topics, PLAIN + ANY, top {CacmDepth}, BM25 k1=0.9 b=0.4, body only):");
        Console.WriteLine($"  ours                 MAP {cacm.Map:0.0000}  P@30 {cacm.P30:0.0000}  ({cacm.RelevantRetrieved} of {cacm.Relevant} relevant retrieved)");
        Console.WriteLine($"  Java peer, SmartCn   MAP {PeerSmartCnMap:0.0000}  P@30 {PeerSmartCnP30:0.0000}  target: ours at least this ({Verdict(cacm.Map >= PeerSmartCnMap && cacm.P30 >= PeerSmartCnP30)})");
        Console.WriteLine($"  Anserini BM25        MAP {AnseriniMap:0.0000}  P@30 {AnseriniP30:0.0000}  goal ({Verdict(cacm.Map >= AnseriniMap && cacm.P30 >= AnseriniP30)})");
    }

    private static void PrintKnownItem(KnownItemResult knownItem, int seed, string queries, bool withTargets)
    {
        Console.WriteLine($"Known item (xinwenlianbo, {knownItem.Queries} unique titles sampled with seed {seed}; query: {queries}; defaults):");
        var firstTarget = withTargets ? $"  target ≥ 95 % ({Verdict(knownItem.First >= 0.95 * knownItem.Queries)})" : "";
        var topTenTarget = withTargets ? $"  target ≥ 99 % ({Verdict(knownItem.TopTen >= 0.99 * knownItem.Queries)})" : "";
        Console.WriteLine($"  ranked first  {knownItem.First,4} = {Percent(knownItem.First, knownItem.Queries)}{firstTarget}");
        Console.WriteLine($"  in the top 10 {knownItem.TopTen,4} = {Percent(knownItem.TopTen, knownItem.Queries)}{topTenTarget}");
        Console.WriteLine($"  answered by the relaxed query {knownItem.Relaxed}, no hits {knownItem.NoHits}");
        foreach (var miss in knownItem.Misses.Take(20))
        {
            Console.WriteLine($"  miss: {miss}");
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private sealed record CacmResult(double Map, double P30, int Relevant, int RelevantRetrieved);

    private static async Task<CacmResult> MeasureCacmAsync(Workspace workspace, EngineConfig config)
    {
        var corpus = Path.Combine(workspace.SharedRoot, "corpora/jsonl/cacm.jsonl");
        var topics = File.ReadLines(Path.Combine(workspace.SharedRoot, "corpora/jsonl/cacm-topics.tsv"))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (Id: parts[0], Text: parts[1]))
            .ToList();
        var judged = File.ReadLines(Path.Combine(workspace.SharedRoot, "corpora/jsonl/cacm-qrels.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] != "0")
            .GroupBy(fields => fields[0])
            .ToDictionary(group => group.Key, group => group.Select(fields => fields[2]).ToHashSet(StringComparer.Ordinal));

        // The issue's setting (Anserini's): BM25 k1=0.9, b=0.4, and the record body alone (it holds the title line too).
        var indexPath = workspace.NewScratchFolder("cacm-index");
        try
        {
            await using var server = await ServerProcess.StartAsync(workspace, indexPath,
                ["--Ranking:K1=0.9", "--Ranking:B=0.4", .. config.ServerArguments], config.ServerEnvironment);
            var articles = Corpus.Load([corpus]).Select(article => article with { Title = null });
            await IndexAsync(server, articles);

            var client = new SearchService.SearchServiceClient(server.Channel);
            double averagePrecisionSum = 0;
            double precisionAt30Sum = 0;
            int relevant = 0, relevantRetrieved = 0, judgedTopics = 0;
            foreach (var (id, text) in topics)
            {
                if (!judged.TryGetValue(id, out var relevantIds))
                {
                    continue;
                }
                var ranked = await RankAsync(client, text);
                var hits = 0;
                double precisionSum = 0;
                for (var rank = 0; rank < ranked.Count; rank++)
                {
                    if (relevantIds.Contains(ranked[rank]))
                    {
                        hits++;
                        precisionSum += (double)hits / (rank + 1);
                    }
                }
                averagePrecisionSum += precisionSum / relevantIds.Count;
                precisionAt30Sum += ranked.Take(30).Count(relevantIds.Contains) / 30.0;
                relevant += relevantIds.Count;
                relevantRetrieved += hits;
                judgedTopics++;
            }
            return new CacmResult(averagePrecisionSum / judgedTopics, precisionAt30Sum / judgedTopics, relevant, relevantRetrieved);
        }
        finally
        {
            Directory.Delete(indexPath, recursive: true);
        }
    }

    /// <summary>
    /// The top 1,000 ids for a topic in trec_eval's order: score descending (as a run file
    /// with 6 decimals holds it), ties by document id descending.
    /// </summary>
    private static async Task<List<string>> RankAsync(SearchService.SearchServiceClient client, string topic)
    {
        var hits = new List<(string Id, double Score)>();
        var request = new SearchRequest
        {
            Query = topic,
            QuerySyntax = QuerySyntax.Plain,
            Match = MatchMode.Any,
            PageSize = MaxPageSize,
            Highlight = new HighlightOptions { SnippetCount = 1 },
        };
        while (hits.Count < CacmDepth)
        {
            var response = await client.SearchAsync(request);
            hits.AddRange(response.Hits.Select(hit => (hit.Id, Math.Round((double)hit.Score, 6))));
            if (response.NextPageToken.Length == 0)
            {
                break;
            }
            request.PageToken = response.NextPageToken;
        }
        return [.. hits.Take(CacmDepth).OrderByDescending(hit => hit.Score).ThenByDescending(hit => hit.Id, StringComparer.Ordinal).Select(hit => hit.Id)];
    }

    private sealed record KnownItemResult(int Queries, int First, int TopTen, int Relaxed, int NoHits, IReadOnlyList<string> Misses);

    private static async Task<(KnownItemResult Distinctive, KnownItemResult Any)> MeasureKnownItemAsync(Workspace workspace, EngineConfig config, int seed)
    {
        var corpus = Path.Combine(workspace.SharedRoot, "corpora/jsonl/xinwenlianbo.jsonl");
        var articles = Corpus.Load([corpus]);
        var indexPath = workspace.NewScratchFolder("known-item-index");
        try
        {
            await using var server = await ServerProcess.StartAsync(workspace, indexPath, config.ServerArguments, config.ServerEnvironment);
            await IndexAsync(server, articles);
            var client = new SearchService.SearchServiceClient(server.Channel);
            return (await RunKnownItemsAsync(client, SampleKnownItems(articles, seed, distinctive: true)),
                await RunKnownItemsAsync(client, SampleKnownItems(articles, seed, distinctive: false)));
        }
        finally
        {
            Directory.Delete(indexPath, recursive: true);
        }
    }

    private static async Task<KnownItemResult> RunKnownItemsAsync(SearchService.SearchServiceClient client, List<(string Id, string Title, string Query)> sample)
    {
        int first = 0, topTen = 0, relaxed = 0, noHits = 0;
        var misses = new List<string>();
        foreach (var (id, title, query) in sample)
        {
            var response = await client.SearchAsync(new SearchRequest { Query = query, PageSize = 10 });
            var rank = response.Hits.Select(hit => hit.Id).ToList().IndexOf(id);
            first += rank == 0 ? 1 : 0;
            topTen += rank >= 0 ? 1 : 0;
            relaxed += response.Relaxed ? 1 : 0;
            noHits += response.TotalHits == 0 ? 1 : 0;
            if (rank != 0)
            {
                misses.Add($"{query} → {(rank < 0 ? "not in the top 10" : $"rank {rank + 1}")} of {response.TotalHits} hits{(response.Relaxed ? " (relaxed)" : "")}; title {title}");
            }
        }
        return new KnownItemResult(sample.Count, first, topTen, relaxed, noHits, misses);
    }

    /// <summary>
    /// 300 articles whose title occurs once in the corpus and has at least 4 characters, each
    /// with a substring of 4 to 8 characters (at most the title's length) at a random offset,
    /// never splitting a surrogate pair. With <paramref name="distinctive"/>, the substring is
    /// drawn among those no other title contains (up to 50 tries, else the article is passed
    /// over): a known-item query names its item. Without it, any substring counts, however many
    /// other titles share it (评论员文章 heads a hundred of them).
    /// </summary>
    private static List<(string Id, string Title, string Query)> SampleKnownItems(IReadOnlyList<Core.Schema.Article> articles, int seed, bool distinctive)
    {
        var titles = articles.Select(article => article.Title).OfType<string>().ToList();
        var titleCounts = titles.GroupBy(title => title, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var candidates = articles
            .Where(article => article.Title is { Length: >= 4 } title && titleCounts[title] == 1)
            .ToList();
        var random = new Random(seed);
        var sample = new List<(string, string, string)>(KnownItemSample);
        foreach (var article in candidates.OrderBy(_ => random.Next()))
        {
            var title = article.Title!;
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var query = RandomSubstring(title, random);
                if (!distinctive || titles.Count(other => other.Contains(query, StringComparison.Ordinal)) == 1)
                {
                    sample.Add((article.Id, title, query));
                    break;
                }
            }
            if (sample.Count == KnownItemSample)
            {
                break;
            }
        }
        return sample;
    }

    private static string RandomSubstring(string title, Random random)
    {
        var length = random.Next(4, Math.Min(8, title.Length) + 1);
        var start = random.Next(0, title.Length - length + 1);
        if (char.IsLowSurrogate(title[start]))
        {
            start--;
        }
        if (start + length < title.Length && char.IsLowSurrogate(title[start + length]))
        {
            length++;
        }
        return title.Substring(start, length);
    }

    private static async Task IndexAsync(ServerProcess server, IEnumerable<Core.Schema.Article> articles)
    {
        var client = new IndexService.IndexServiceClient(server.Channel);
        using var call = client.IndexArticles();
        foreach (var article in articles)
        {
            await call.RequestStream.WriteAsync(ArticleMapping.ToContract(article));
        }
        await call.RequestStream.CompleteAsync();
        var response = await call;
        if (response.Rejected.Count > 0 && response.Indexed == 0)
        {
            throw new BenchException($"the server indexed nothing: {response.Rejected[0].Reason}");
        }
    }
}
