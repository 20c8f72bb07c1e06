using Google.Protobuf.WellKnownTypes;
using Contract = SearchEngine.Contracts.V1;
using Engine = SearchEngine.Core.Schema;

namespace SearchEngine.Cli.Indexing;

/// <summary>Puts an article read from a file on the wire; validation is the server's job.</summary>
internal static class ArticleContractMapping
{
    public static Contract.Article ToContract(Engine.Article article)
    {
        // Protobuf strings cannot be null: an absent field travels as "".
        var contract = new Contract.Article
        {
            Id = article.Id,
            Title = article.Title ?? "",
            Body = article.Body ?? "",
            PublishedAt = article.PublishedAt is { } publishedAt ? Timestamp.FromDateTimeOffset(publishedAt) : null,
            Source = article.Source ?? "",
            Url = article.Url ?? "",
            Language = article.Language ?? "",
            Author = article.Author ?? "",
            Section = article.Section ?? "",
        };
        contract.Tags.AddRange(article.Tags);
        return contract;
    }
}
