using System.CommandLine;
using System.CommandLine.Parsing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Searching;

/// <summary><c>searchengine search QUERY</c>: one page of ranked hits with snippets, the date histogram and any term facets.</summary>
internal static class SearchCommand
{
    private const int MaxPageSize = 100;

    private static readonly Dictionary<string, SortOrder> SortOrders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SortOrder.RelevanceUnspecified,
        ["newest"] = SortOrder.Newest,
        ["oldest"] = SortOrder.Oldest,
    };

    private static readonly Dictionary<string, FacetField> FacetFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["source"] = FacetField.Source,
        ["section"] = FacetField.Section,
        ["language"] = FacetField.Language,
        ["tags"] = FacetField.Tags,
    };

    private static readonly JsonFormatter IndentedJson = new(JsonFormatter.Settings.Default.WithIndentation());

    public static Command Create(CliConsole console)
    {
        var query = new Argument<string[]>("QUERY")
        {
            Description = "What to look for: every word required, \"phrases\", -exclusions, OR, (groups), title:/source:/author:/section:/tag: prefixes, prefix*; several words are joined with spaces; none matches every article",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = DateOption.Create("--from", "Only articles published at or after DATE (yyyy-MM-dd = midnight UTC, or RFC 3339)");
        var to = DateOption.Create("--to", "Only articles published before DATE (exclusive)");
        var sort = new Option<SortOrder>("--sort")
        {
            Description = "Order of the hits (default relevance)",
            HelpName = string.Join('|', SortOrders.Keys),
            CustomParser = ParseSortOrder,
        };
        var size = new Option<int>("--size")
        {
            Description = $"Hits per page, 1 to {MaxPageSize}",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
        };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxPageSize)
            {
                result.AddError($"--size must be between 1 and {MaxPageSize}");
            }
        });
        var pageToken = new Option<string>("--page-token")
        {
            Description = "Continue a previous search from the token it printed",
            HelpName = "T",
        };
        var any = new Option<bool>("--any") { Description = "Any word may match (ranked by how many do) instead of all" };
        var plain = new Option<bool>("--plain") { Description = "Read the query as literal text: no operators, quotes or prefixes (for pasted text)" };
        var fresh = new Option<bool>("--fresh") { Description = "Rank recent articles higher (relevance with freshness)" };
        var sources = Repeatable("--source", "NAME", "Only articles from this source (repeatable; exact name)");
        var languages = Repeatable("--language", "CODE", "Only articles in this language, e.g. zh or en (repeatable)");
        var sections = Repeatable("--section", "NAME", "Only articles in this section (repeatable; exact name)");
        var tags = Repeatable("--tag", "TAG", "Only articles with this tag (repeatable; exact)");
        var facets = new Option<FacetField[]>("--facets")
        {
            Description = "Count the values of these fields over all hits, comma-separated",
            HelpName = string.Join(',', FacetFields.Keys),
            CustomParser = ParseFacetFields,
        };
        var json = new Option<bool>("--json") { Description = "Print the raw SearchResponse as JSON and nothing else" };
        var server = ServerConnection.CreateServerOption();

        var command = new Command("search", "Search the articles")
        {
            query,
            from,
            to,
            sort,
            size,
            pageToken,
            any,
            plain,
            fresh,
            sources,
            languages,
            sections,
            tags,
            facets,
            json,
            server,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new SearchRequest
            {
                Query = string.Join(' ', parseResult.GetValue(query) ?? []),
                PageSize = parseResult.GetValue(size),
                PageToken = parseResult.GetValue(pageToken) ?? "",
                Sort = parseResult.GetValue(sort),
                Match = parseResult.GetValue(any) ? MatchMode.Any : MatchMode.AllUnspecified,
                QuerySyntax = parseResult.GetValue(plain) ? QuerySyntax.Plain : QuerySyntax.SimpleUnspecified,
                Ranking = parseResult.GetValue(fresh) ? Ranking.RelevanceWithFreshness : Ranking.RelevanceUnspecified,
                // Asked for explicitly: MarkedText relies on exactly these marks.
                Highlight = new HighlightOptions { PreTag = MarkedText.PreTag, PostTag = MarkedText.PostTag },
            };
            request.Sources.AddRange(parseResult.GetValue(sources) ?? []);
            request.Languages.AddRange(parseResult.GetValue(languages) ?? []);
            request.Sections.AddRange(parseResult.GetValue(sections) ?? []);
            request.Tags.AddRange(parseResult.GetValue(tags) ?? []);
            if (parseResult.GetValue(facets) is { Length: > 0 } facetFields)
            {
                request.TermFacets = new TermFacetOptions();
                request.TermFacets.Fields.AddRange(facetFields);
            }
            if (parseResult.GetValue(from) is not null || parseResult.GetValue(to) is not null)
            {
                request.DateRange = new DateRange
                {
                    From = ToTimestamp(parseResult.GetValue(from)),
                    To = ToTimestamp(parseResult.GetValue(to)),
                };
            }
            var address = parseResult.GetRequiredValue(server);
            var response = await SearchAsync(request, address, cancellationToken);
            if (parseResult.GetValue(json))
            {
                console.Output.WriteLine(IndentedJson.Format(response));
            }
            else
            {
                SearchPrinter.Write(response, console.Output, console.OutputIsTerminal);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<SearchResponse> SearchAsync(SearchRequest request, Uri address, CancellationToken cancellationToken)
    {
        using var channel = ServerConnection.OpenChannel(address);
        try
        {
            return await new SearchService.SearchServiceClient(channel).SearchAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandFailedException(ServerConnection.Describe(exception, address));
        }
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    private static FacetField[] ParseFacetFields(ArgumentResult result)
    {
        var fields = new List<FacetField>();
        foreach (var name in result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!FacetFields.TryGetValue(name, out var field))
            {
                result.AddError($"--facets \"{name}\" is not one of {string.Join(", ", FacetFields.Keys)}");
                return [];
            }
            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }
        return [.. fields];
    }

    private static SortOrder ParseSortOrder(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (SortOrders.TryGetValue(text, out var order))
        {
            return order;
        }
        result.AddError($"--sort \"{text}\" is not one of {string.Join(", ", SortOrders.Keys)}");
        return default;
    }

    private static Timestamp? ToTimestamp(DateTimeOffset? value) => value is { } instant ? Timestamp.FromDateTimeOffset(instant) : null;
}
