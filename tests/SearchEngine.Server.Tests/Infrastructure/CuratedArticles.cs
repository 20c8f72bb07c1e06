using SearchEngine.Contracts.V1;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>Articles written for these tests, each shaped to pin down one behaviour.</summary>
public static class CuratedArticles
{
    public const string HarbourSource = "Harbour Gazette";

    /// <summary>
    /// Five dated "lighthouse" articles chosen for histogram edges, and two without a date. The
    /// 20:00 UTC one falls on 2016-09-30 in Shanghai; 2017-01-01 (a Sunday) belongs to ISO week 2016-W52.
    /// </summary>
    public static readonly IReadOnlyList<Article> Lighthouse =
    [
        new() { Id = "lighthouse-1", Title = "Lighthouse keeper logs a calm night", Body = "The lighthouse keeper wrote that the sea stayed calm until dawn.", PublishedAt = Timestamps.At("2016-09-29T03:00:00Z"), Source = HarbourSource },
        new() { Id = "lighthouse-2", Title = "Lighthouse lamp restored before the storm season", Body = "Engineers refitted the lighthouse lamp with a brighter lens.", PublishedAt = Timestamps.At("2016-09-29T20:00:00Z"), Source = HarbourSource },
        new() { Id = "lighthouse-3", Title = "Schoolchildren visit the lighthouse", Body = "Pupils climbed the lighthouse stairs and counted all 212 steps.", PublishedAt = Timestamps.At("2016-10-03T12:00:00Z"), Source = HarbourSource },
        new() { Id = "lighthouse-4", Title = "New Year fireworks seen from the lighthouse", Body = "Crowds gathered on the pier below the lighthouse at midnight.", PublishedAt = Timestamps.At("2017-01-01T12:00:00Z"), Source = "Coastal Wire" },
        new() { Id = "lighthouse-5", Title = "Lighthouse closes for winter repairs", Body = "The lighthouse will reopen to visitors in the spring.", PublishedAt = Timestamps.At("2017-01-02T09:00:00Z"), Source = "Coastal Wire" },
        new() { Id = "lighthouse-undated-a", Title = "Lighthouse history recalled by retired keeper", Body = "A former keeper remembered decades of lighthouse life; the article gives no date." },
        new() { Id = "lighthouse-undated-b", Title = "Lighthouse postcards found in an attic", Body = "The postcards show the lighthouse before its extension; nobody knows when they were written." },
    ];

    /// <summary>贵州大数据 written as one run.</summary>
    public static readonly Article ChineseContiguous = new()
    {
        Id = "zh-contiguous",
        Title = "贵州大数据产业加快发展",
        Body = "今年以来，贵州大数据产业保持较快增长，数据中心集群初具规模。\n业内人士认为，算力基础设施还将继续扩容。",
        PublishedAt = Timestamps.At("2021-03-15T02:00:00Z"),
        Source = "Xinhua Test",
    };

    /// <summary>贵州, 大, 数据 and 大数据 all present, but far from one another.</summary>
    public static readonly Article ChineseScattered = new()
    {
        Id = "zh-scattered",
        Title = "山区旅游迎来旺季",
        Body = "贵州多个景区游客明显增多，乡村民宿一房难求。\n当地文化节目丰富多彩，吸引了各地游客前来观赏民族歌舞表演。\n"
            + "各地高速公路车流量很大，交通部门加强了疏导。\n统计部门发布的数据显示，接待游客人次同比上升。\n有专家在论坛上谈到了大数据在景区管理中的作用。",
        PublishedAt = Timestamps.At("2021-05-01T02:00:00Z"),
        Source = "Xinhua Test",
    };

    /// <summary>Markup in the title and body that must come back escaped.</summary>
    public static readonly Article Markup = new()
    {
        Id = "markup",
        Title = "Guestbook <b>flaw</b> let visitors post markup",
        Body = "The guestbook on the harbour office site echoed <script>alert('owned')</script> back to every reader.\nFixes & patches followed within a day.",
        PublishedAt = Timestamps.At("2020-01-10T08:00:00Z"),
        Source = HarbourSource,
    };

    /// <summary>Every field set, in the normal form the server stores (trimmed, whole seconds, distinct tags).</summary>
    public static readonly Article FullySpecified = new()
    {
        Id = "ferry-timetable",
        Title = "Ferry timetable changes for the winter",
        Body = "Ferries to the outer islands will sail twice a day from November.\nThe first crossing leaves at 06:30.",
        PublishedAt = Timestamps.At("2019-11-05T06:30:00Z"),
        Source = HarbourSource,
        Url = "https://news.example.com/harbour/2019/11/ferry-timetable",
        Language = "en",
        Author = "Mei Ling Tan",
        Section = "transport",
        Tags = { "ferries", "winter", "timetable" },
    };

    /// <summary>
    /// Days around daylight-saving changes: New York left DST at 02:00 on 2016-11-06 (that day still
    /// began at 04:00 UTC); São Paulo entered DST at midnight on 2018-11-04, so that day began at 01:00 local.
    /// </summary>
    public static readonly IReadOnlyList<Article> DaylightSaving =
    [
        new() { Id = "dst-new-york-evening", Title = "Bagel bakery stays open late", PublishedAt = Timestamps.At("2016-11-06T03:30:00Z") },
        new() { Id = "dst-new-york-morning", Title = "Bagel bakery sells out early", PublishedAt = Timestamps.At("2016-11-06T12:00:00Z") },
        new() { Id = "dst-sao-paulo", Title = "Samba school rehearses in the park", PublishedAt = Timestamps.At("2018-11-04T12:00:00Z") },
    ];

    private const string EconomyFiller = "各地加快推进产业升级，努力扩大有效投资，积极促进消费增长，稳定就业形势。";

    /// <summary>
    /// The phrase 数字经济 twice, placed so that with 20-character snippets a fragment edge falls
    /// inside its first occurrence: at the start of the best fragment in one, at its end in the other.
    /// </summary>
    public static readonly IReadOnlyList<Article> PhraseAtFragmentEdge =
    [
        new() { Id = "phrase-edge-start", Title = "产业观察", Body = (EconomyFiller + EconomyFiller)[..33] + "要加快数字经济，建设数字经济强国。" + EconomyFiller + EconomyFiller, PublishedAt = Timestamps.At("2019-06-01T02:00:00Z") },
        new() { Id = "phrase-edge-end", Title = "产业观察", Body = EconomyFiller[..6] + "要加快数字经济，建设数字经济强国。" + EconomyFiller + EconomyFiller, PublishedAt = Timestamps.At("2019-06-02T02:00:00Z") },
    ];

    public static IReadOnlyList<Article> All { get; } = [.. Lighthouse, ChineseContiguous, ChineseScattered, Markup, FullySpecified, .. DaylightSaving, .. PhraseAtFragmentEdge];
}
