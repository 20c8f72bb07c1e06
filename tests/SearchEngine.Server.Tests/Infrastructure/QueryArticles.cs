using SearchEngine.Contracts.V1;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>Articles for the query language, match modes, filters and ranking, each shaped to pin down one behaviour.</summary>
public static class QueryArticles
{
    private static readonly string[] Filler =
        ["officials", "said", "the", "province", "would", "expand", "its", "industry", "with", "new", "centres", "and", "training", "for", "local", "engineers", "over", "coming", "years", "ahead"];

    /// <summary>Chip stories in two languages, with every exact field set.</summary>
    public static readonly IReadOnlyList<Article> Chips =
    [
        new()
        {
            Id = "qc-server", Title = "Qualcomm unveils server chips", Body = "Qualcomm said its new chips target data centres run by cloud companies.",
            PublishedAt = Timestamps.At("2024-05-01T08:00:00Z"), Source = "Tech Wire", Section = "technology", Tags = { "chips", "qualcomm" }, Language = "en", Author = "Mei Ling Tan",
        },
        new()
        {
            Id = "qc-laptop", Title = "Qualcomm processors power new laptops", Body = "Laptop makers adopted Qualcomm processors this year.",
            PublishedAt = Timestamps.At("2024-06-01T08:00:00Z"), Source = "Reuters Test", Section = "technology", Tags = { "laptops" }, Language = "en", Author = "John Smith",
        },
        new()
        {
            Id = "intel-delay", Title = "Intel chips delayed again", Body = "Intel said its next chips would ship late.",
            PublishedAt = Timestamps.At("2023-01-01T08:00:00Z"), Source = "Reuters Test", Section = "business", Tags = { "chips" }, Language = "en", Author = "Ana Tan",
        },
        new()
        {
            Id = "market", Title = "Farmers market opens for the summer", Body = "Apples and pears are on sale at the farmers market.",
            PublishedAt = Timestamps.At("2022-07-01T08:00:00Z"), Source = "Local Herald", Section = "city", Tags = { "food" }, Language = "en",
        },
        new()
        {
            Id = "zh-chip", Title = "高通发布服务器芯片", Body = "高通公司发布新款服务器芯片，面向数据中心。",
            PublishedAt = Timestamps.At("2024-05-02T02:00:00Z"), Source = "新华社测试", Section = "科技", Tags = { "芯片" }, Language = "zh", Author = "王小明",
        },
    ];

    /// <summary>Runs and phrases: each "-together" (or the lone 5G/C919 one) holds the words side by side, the others hold them apart.</summary>
    public static readonly IReadOnlyList<Article> Contiguity =
    [
        new() { Id = "zh-together", Title = "贵州大数据产业加快发展", Body = "今年以来，贵州大数据产业保持较快增长。", Language = "zh" },
        new() { Id = "zh-apart", Title = "山区旅游迎来旺季", Body = "贵州多个景区游客明显增多。\n统计部门发布的数据显示，接待游客人次同比上升。\n有专家谈到了大数据在景区管理中的作用。", Language = "zh" },
        new() { Id = "net-5g", Title = "5G网络建设加快", Language = "zh" },
        new() { Id = "net-4g", Title = "4G网络覆盖乡村", Language = "zh" },
        new() { Id = "jet-together", Title = "中国商飞C919客机首飞", Language = "zh" },
        new() { Id = "jet-apart", Title = "C919试飞顺利，新款客机订单增加", Language = "zh" },
        new() { Id = "bigdata-together", Title = "Big data helps farmers plan", Language = "en" },
        new() { Id = "bigdata-reversed", Title = "Data on big farms", Language = "en" },
        new() { Id = "bigdata-apart", Title = "Big harvest data", Language = "en" },
    ];

    /// <summary>
    /// The acceptance pair for proximity: the same words, together in one and seven words apart
    /// in the other. Ids sort the scattered one first, so only proximity ranks the other above it.
    /// </summary>
    public static readonly IReadOnlyList<Article> Proximity =
    [
        new() { Id = "gz-a-scattered", Title = "Provincial report", Body = string.Join(' ', ["Guizhou", .. Filler[..7], "big", .. Filler[7..14], "data", .. Filler[14..]]), Language = "en" },
        new() { Id = "gz-b-together", Title = "Provincial report", Body = string.Join(' ', ["Guizhou", "big", "data", .. Filler]), Language = "en" },
    ];

    /// <summary>"quay": the older article mentions it twice (more relevant), the newer once; one has no date.</summary>
    public static readonly IReadOnlyList<Article> Freshness =
    [
        new() { Id = "quay-older", Title = "Quay quay works", PublishedAt = Timestamps.At("2020-01-01T00:00:00Z"), Language = "en" },
        new() { Id = "quay-newer", Title = "Quay works", PublishedAt = Timestamps.At("2024-01-01T00:00:00Z"), Language = "en" },
        new() { Id = "quay-undated", Title = "Quay works", Language = "en" },
    ];

    /// <summary>"wombat": once in three words, or twice in forty-two. BM25's b decides which ranks first.</summary>
    public static readonly IReadOnlyList<Article> Length =
    [
        new() { Id = "wombat-short", Body = "wombat gamma delta", Language = "en" },
        new() { Id = "wombat-long", Body = string.Join(' ', ["wombat", "wombat", .. Filler, .. Filler]), Language = "en" },
    ];

    public static IReadOnlyList<Article> All { get; } = [.. Chips, .. Contiguity, .. Proximity, .. Freshness, .. Length];
}

/// <summary>A server over <see cref="QueryArticles.All"/> with the default ranking settings.</summary>
public sealed class QueryIndexFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval);

    protected override Task SeedAsync(SearchServer started) => QueryIndexSeeding.SeedAsync(started);
}

/// <summary>
/// A server over <see cref="QueryArticles.All"/> whose ranking settings all differ from the
/// defaults: no length normalisation, no proximity, a one-day freshness half-life worth 3.
/// </summary>
public sealed class CustomRankingIndexFixture : IndexServerFixture
{
    public static readonly IReadOnlyDictionary<string, string?> Ranking = new Dictionary<string, string?>
    {
        ["Ranking:K1"] = "1.2",
        ["Ranking:B"] = "0",
        ["Ranking:ProximityWeight"] = "0",
        ["Ranking:FreshnessHalfLife"] = "1.00:00:00",
        ["Ranking:FreshnessWeight"] = "3",
    };

    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: Ranking);

    protected override Task SeedAsync(SearchServer started) => QueryIndexSeeding.SeedAsync(started);
}

internal static class QueryIndexSeeding
{
    public static async Task SeedAsync(SearchServer started)
    {
        var response = await started.IndexArticlesAsync(QueryArticles.All);
        if (response.Rejected.Count > 0 || response.Indexed != QueryArticles.All.Count)
        {
            throw new InvalidOperationException($"query articles were not all indexed: {response}");
        }
    }
}
