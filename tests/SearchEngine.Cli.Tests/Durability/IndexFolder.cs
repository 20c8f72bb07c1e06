using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SearchEngine.Core.Schema;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>Looks at an index folder with Lucene directly, while no server has it open.</summary>
public static class IndexFolder
{
    public const string LockFileName = "write.lock";

    /// <summary>Runs Lucene's CheckIndex on the folder's last commit; returns its status and its full report.</summary>
    public static (CheckIndex.Status Status, string Report) Check(string path)
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(path));
        using var report = new StringWriter();
        var checker = new CheckIndex(directory) { InfoStream = report };
        var status = checker.DoCheckIndex();
        return (status, report.ToString());
    }

    /// <summary>How many live documents carry each id (an id missing from the result has none).</summary>
    public static (Dictionary<string, int> LiveDocumentsById, int NumDocs) CountIds(string path)
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(path));
        using var reader = DirectoryReader.Open(directory);
        var liveDocs = MultiFields.GetLiveDocs(reader);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, ArticleFields.Id);
        if (terms is not null)
        {
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                docs = termsEnum.Docs(liveDocs, docs, DocsFlags.NONE);
                var live = 0;
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    live++;
                }
                if (live > 0)
                {
                    counts[termsEnum.Term.Utf8ToString()] = live;
                }
            }
        }
        return (counts, reader.NumDocs);
    }
}
