using System.CommandLine;
using System.CommandLine.Parsing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Searching;

/// <summary><c>searchengine search QUERY</c>: one page of ranked hits with snippets and the date histogram.</summary>
internal static class SearchCommand
{
    private const int MaxPageSize = 100;

    private static readonly Dictionary<string, SortOrder> SortOrders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SortOrder.RelevanceUnspecified,
        ["newest"] = SortOrder.Newest,
        ["oldest"] = SortOrder.Oldest,
    };

    private static readonly JsonFormatter IndentedJson = new(JsonFormatter.Settings.Default.WithIndentation());

    public static Command Create(CliConsole console)
    {
        var query = new Argument<string[]>("QUERY")
        {
            Description = "What to look for, in Lucene's classic syntax (\"phrases\", OR, -term, title:, body:); several words are joined with spaces; none matches every article",
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
                // Asked for explicitly: MarkedText relies on exactly these marks.
                Highlight = new HighlightOptions { PreTag = MarkedText.PreTag, PostTag = MarkedText.PostTag },
            };
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
