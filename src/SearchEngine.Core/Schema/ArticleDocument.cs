using Lucene.Net.Documents;
using Lucene.Net.Util;
using SearchEngine.Core.Analysis;

namespace SearchEngine.Core.Schema;

/// <summary>Maps an <see cref="Article"/> to its Lucene document and back.</summary>
public static class ArticleDocument
{
    public static Document ToDocument(Article article)
    {
        var document = new Document
        {
            new StringField(ArticleFields.Id, article.Id, Field.Store.YES),
            new SortedDocValuesField(ArticleFields.Id, new BytesRef(article.Id)),
        };
        if (!string.IsNullOrEmpty(article.Title))
        {
            document.Add(new TextField(ArticleFields.Title, article.Title, Field.Store.YES));
        }
        if (!string.IsNullOrEmpty(article.Body))
        {
            document.Add(new TextField(ArticleFields.Body, article.Body, Field.Store.YES));
        }
        AddCharacterBigrams(document, ArticleFields.TitleBigrams, article.Title);
        AddCharacterBigrams(document, ArticleFields.BodyBigrams, article.Body);
        if (article.PublishedAt is { } publishedAt)
        {
            var epochMillis = publishedAt.ToUnixTimeMilliseconds();
            document.Add(new Int64Field(ArticleFields.PublishedAt, epochMillis, Field.Store.YES));
            document.Add(new NumericDocValuesField(ArticleFields.PublishedAt, epochMillis));
        }
        AddExactWithFacet(document, ArticleFields.Source, article.Source);
        AddStoredOnly(document, ArticleFields.Url, article.Url);
        AddExactWithFacet(document, ArticleFields.Language, article.Language);
        if (!string.IsNullOrEmpty(article.Author))
        {
            // Analysed, so author:tan finds "Mei Ling Tan" and a Chinese byline matches by its words.
            document.Add(new TextField(ArticleFields.Author, article.Author, Field.Store.YES));
        }
        AddExactWithFacet(document, ArticleFields.Section, article.Section);
        foreach (var tag in article.Tags.Where(tag => !string.IsNullOrEmpty(tag)))
        {
            AddExact(document, ArticleFields.Tags, tag);
            // Sorted-set doc values keep each distinct tag once per article: the term facet counts articles per tag.
            document.Add(new SortedSetDocValuesField(ArticleFields.Tags, new BytesRef(tag)));
        }
        return document;
    }

    public static Article FromDocument(Document document)
    {
        var publishedAt = document.GetField(ArticleFields.PublishedAt)?.GetInt64Value();
        return new Article
        {
            Id = document.Get(ArticleFields.Id),
            Title = document.Get(ArticleFields.Title),
            Body = document.Get(ArticleFields.Body),
            PublishedAt = publishedAt is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null,
            Source = document.Get(ArticleFields.Source),
            Url = document.Get(ArticleFields.Url),
            Language = document.Get(ArticleFields.Language),
            Author = document.Get(ArticleFields.Author),
            Section = document.Get(ArticleFields.Section),
            Tags = document.GetValues(ArticleFields.Tags),
        };
    }

    private static void AddExact(Document document, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            document.Add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static void AddCharacterBigrams(Document document, string field, string? text)
    {
        if (CharacterBigramTokenizer.ContainsCjk(text))
        {
            document.Add(new TextField(field, text, Field.Store.NO));
        }
    }

    /// <summary>An exact field that is also counted by term facets, from its sorted doc values.</summary>
    private static void AddExactWithFacet(Document document, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            document.Add(new StringField(field, value, Field.Store.YES));
            document.Add(new SortedDocValuesField(field, new BytesRef(value)));
        }
    }

    private static void AddStoredOnly(Document document, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            document.Add(new StoredField(field, value));
        }
    }
}
