using Google.Protobuf.WellKnownTypes;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Core;
using SearchEngine.Core.Facets;
using SearchEngine.Core.Search;
using Contract = SearchEngine.Contracts.V1;

namespace SearchEngine.Server.Mapping;

/// <summary>Validates a wire search request into the engine's query and maps results back.</summary>
public static class SearchMapping
{
    private const int MaxTagLength = 100;

    /// <summary>Most values in one filter (sources, languages, sections, tags).</summary>
    public const int MaxFilterValues = 100;

    /// <summary>
    /// Largest search or lookup request accepted, in bytes: ample for every field at its limit
    /// (a 1,000-character query is at most 4 KB), small enough that no one makes the server
    /// buffer and parse megabytes to be refused. Larger messages get RESOURCE_EXHAUSTED from gRPC.
    /// </summary>
    public const int MaxRequestBytes = 64 * 1024;

    public static SearchQuery ToQuery(Contract.SearchRequest request)
    {
        if (request.PageSize is < 0 or > SearchQuery.MaxPageSize)
        {
            throw new InvalidRequestException("page_size", $"page_size is {request.PageSize}; it must be between 0 (meaning {SearchQuery.DefaultPageSize}) and {SearchQuery.MaxPageSize}");
        }
        if (request.Query.Length > SearchQuery.MaxQueryLength)
        {
            throw new InvalidRequestException("query", $"query is {request.Query.Length} characters long; at most {SearchQuery.MaxQueryLength} are allowed");
        }
        var from = ToInstant(request.DateRange?.From, "date_range.from");
        var to = ToInstant(request.DateRange?.To, "date_range.to");
        if (from is not null && to is not null && from >= to)
        {
            throw new InvalidRequestException("date_range", $"date_range.from ({from:O}) must be before date_range.to ({to:O})");
        }
        return new SearchQuery
        {
            Text = request.Query,
            PageSize = request.PageSize == 0 ? SearchQuery.DefaultPageSize : request.PageSize,
            PageToken = request.PageToken.Length == 0 ? null : request.PageToken,
            From = from,
            To = to,
            Sort = request.Sort switch
            {
                Contract.SortOrder.RelevanceUnspecified => SortOrder.Relevance,
                Contract.SortOrder.Newest => SortOrder.Newest,
                Contract.SortOrder.Oldest => SortOrder.Oldest,
                _ => throw new InvalidRequestException("sort", $"sort {(int)request.Sort} is not a known sort order"),
            },
            Sources = ExactValues(request.Sources, "sources"),
            Languages = ExactValues(request.Languages, "languages"),
            Sections = ExactValues(request.Sections, "sections"),
            Tags = ExactValues(request.Tags, "tags"),
            Match = request.Match switch
            {
                Contract.MatchMode.AllUnspecified => MatchMode.All,
                Contract.MatchMode.Any => MatchMode.Any,
                var unknown => throw new InvalidRequestException("match", $"match {(int)unknown} is not a known match mode"),
            },
            Syntax = request.QuerySyntax switch
            {
                Contract.QuerySyntax.SimpleUnspecified => QuerySyntax.Simple,
                Contract.QuerySyntax.Plain => QuerySyntax.Plain,
                var unknown => throw new InvalidRequestException("query_syntax", $"query_syntax {(int)unknown} is not a known query syntax"),
            },
            Ranking = request.Ranking switch
            {
                Contract.Ranking.RelevanceUnspecified => RankingMode.Relevance,
                Contract.Ranking.RelevanceWithFreshness => RankingMode.RelevanceWithFreshness,
                var unknown => throw new InvalidRequestException("ranking", $"ranking {(int)unknown} is not a known ranking"),
            },
            Now = ToInstant(request.Now, "now"),
            Highlight = ToHighlightSettings(request.Highlight),
            HistogramInterval = (request.DateHistogram?.Interval ?? Contract.DateInterval.AutoUnspecified) switch
            {
                Contract.DateInterval.AutoUnspecified => DateInterval.Auto,
                Contract.DateInterval.Day => DateInterval.Day,
                Contract.DateInterval.Week => DateInterval.Week,
                Contract.DateInterval.Month => DateInterval.Month,
                Contract.DateInterval.Year => DateInterval.Year,
                var unknown => throw new InvalidRequestException("date_histogram.interval", $"date_histogram.interval {(int)unknown} is not a known interval"),
            },
            HistogramTimeZone = ToTimeZone(request.DateHistogram?.TimeZone),
            TermFacets = ToTermFacetRequest(request.TermFacets),
        };
    }

    public static Contract.SearchResponse ToResponse(SearchResults results, long tookMs)
    {
        var response = new Contract.SearchResponse
        {
            TotalHits = results.TotalHits,
            NextPageToken = results.NextPageToken ?? "",
            DateHistogramInterval = ToContract(results.DateHistogram.Interval),
            TookMs = tookMs,
            Relaxed = results.Relaxed,
        };
        foreach (var hit in results.Hits)
        {
            var highlight = new Contract.Highlight { Title = hit.MarkedTitle };
            highlight.Snippets.AddRange(hit.Snippets);
            response.Hits.Add(new Contract.SearchHit
            {
                Id = hit.Article.Id,
                Score = hit.Score,
                Title = hit.Article.Title ?? "",
                Source = hit.Article.Source ?? "",
                Url = hit.Article.Url ?? "",
                PublishedAt = ArticleMapping.ToTimestamp(hit.Article.PublishedAt),
                Language = hit.Article.Language ?? "",
                Highlight = highlight,
            });
        }
        foreach (var bucket in results.DateHistogram.Buckets)
        {
            response.DateHistogram.Add(new Contract.DateBucket
            {
                Start = Timestamp.FromDateTimeOffset(bucket.Start),
                Key = bucket.Key,
                Count = bucket.Count,
            });
        }
        foreach (var facet in results.TermFacets)
        {
            var termFacet = new Contract.TermFacet
            {
                Field = ToContract(facet.Field),
                OtherCount = facet.OtherCount,
                MissingCount = facet.MissingCount,
            };
            termFacet.Values.AddRange(facet.Values.Select(value => new Contract.FacetValue { Value = value.Value, Count = value.Count }));
            response.TermFacets.Add(termFacet);
        }
        return response;
    }

    private static TermFacetRequest ToTermFacetRequest(Contract.TermFacetOptions? options)
    {
        if (options is null)
        {
            return new TermFacetRequest();
        }
        if (options.Size is < 0 or > TermFacetRequest.MaxSize)
        {
            throw new InvalidRequestException("term_facets.size",
                $"term_facets.size is {options.Size}; it must be between 0 (meaning {TermFacetRequest.DefaultSize}) and {TermFacetRequest.MaxSize}");
        }
        var fields = new List<TermFacetField>();
        foreach (var field in options.Fields)
        {
            var engineField = field switch
            {
                Contract.FacetField.Source => TermFacetField.Source,
                Contract.FacetField.Section => TermFacetField.Section,
                Contract.FacetField.Language => TermFacetField.Language,
                Contract.FacetField.Tags => TermFacetField.Tags,
                Contract.FacetField.Unspecified => throw new InvalidRequestException("term_facets.fields",
                    "term_facets.fields contains FACET_FIELD_UNSPECIFIED; name a field: FACET_FIELD_SOURCE, FACET_FIELD_SECTION, FACET_FIELD_LANGUAGE or FACET_FIELD_TAGS"),
                _ => throw new InvalidRequestException("term_facets.fields", $"term_facets.fields contains {(int)field}, which is not a known facet field"),
            };
            if (fields.Contains(engineField))
            {
                throw new InvalidRequestException("term_facets.fields", $"term_facets.fields names FACET_FIELD_{field.ToString().ToUpperInvariant()} twice; ask for each field once");
            }
            fields.Add(engineField);
        }
        return new TermFacetRequest
        {
            Fields = fields,
            Size = options.Size == 0 ? TermFacetRequest.DefaultSize : options.Size,
        };
    }

    private static Contract.FacetField ToContract(TermFacetField field) => field switch
    {
        TermFacetField.Source => Contract.FacetField.Source,
        TermFacetField.Section => Contract.FacetField.Section,
        TermFacetField.Language => Contract.FacetField.Language,
        TermFacetField.Tags => Contract.FacetField.Tags,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a facet field"),
    };

    private static Contract.DateInterval ToContract(DateInterval interval) => interval switch
    {
        DateInterval.Day => Contract.DateInterval.Day,
        DateInterval.Week => Contract.DateInterval.Week,
        DateInterval.Month => Contract.DateInterval.Month,
        DateInterval.Year => Contract.DateInterval.Year,
        _ => Contract.DateInterval.AutoUnspecified,
    };

    private static HighlightSettings ToHighlightSettings(Contract.HighlightOptions? options)
    {
        var defaults = new HighlightSettings();
        if (options is null)
        {
            return defaults;
        }
        if (options.PreTag.Length > MaxTagLength || options.PostTag.Length > MaxTagLength)
        {
            throw new InvalidRequestException("highlight", $"highlight.pre_tag and highlight.post_tag are limited to {MaxTagLength} characters");
        }
        if (options.SnippetLength != 0 && options.SnippetLength is < HighlightSettings.MinSnippetLength or > HighlightSettings.MaxSnippetLength)
        {
            throw new InvalidRequestException("highlight.snippet_length",
                $"highlight.snippet_length is {options.SnippetLength}; it must be 0 (meaning {HighlightSettings.DefaultSnippetLength}) or between {HighlightSettings.MinSnippetLength} and {HighlightSettings.MaxSnippetLength}");
        }
        if (options.SnippetCount is < 0 or > HighlightSettings.MaxSnippetCount)
        {
            throw new InvalidRequestException("highlight.snippet_count",
                $"highlight.snippet_count is {options.SnippetCount}; it must be between 0 (meaning {HighlightSettings.DefaultSnippetCount}) and {HighlightSettings.MaxSnippetCount}");
        }
        return new HighlightSettings
        {
            PreTag = options.PreTag.Length == 0 ? defaults.PreTag : options.PreTag,
            PostTag = options.PostTag.Length == 0 ? defaults.PostTag : options.PostTag,
            SnippetLength = options.SnippetLength == 0 ? defaults.SnippetLength : options.SnippetLength,
            SnippetCount = options.SnippetCount == 0 ? defaults.SnippetCount : options.SnippetCount,
        };
    }

    /// <summary>A filter's exact values: none empty, at most <see cref="MaxFilterValues"/>.</summary>
    private static List<string> ExactValues(IReadOnlyList<string> values, string field)
    {
        if (values.Count > MaxFilterValues)
        {
            throw new InvalidRequestException(field, $"{field} has {values.Count} values; at most {MaxFilterValues} are allowed");
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Length == 0)
            {
                throw new InvalidRequestException(field, $"{field}[{i}] is empty; give exact values or leave {field} empty for no restriction");
            }
        }
        return [.. values];
    }

    private static DateTimeOffset? ToInstant(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }
        return ArticleMapping.TryToDateTimeOffset(timestamp, out var value)
            ? value
            : throw new InvalidRequestException(field, $"{field} is not a valid timestamp");
    }

    private static TimeZoneInfo ToTimeZone(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidRequestException("date_histogram.time_zone", $"date_histogram.time_zone \"{name}\" is not a known IANA time zone (e.g. \"UTC\", \"Asia/Shanghai\", \"America/New_York\")");
        }
    }
}
