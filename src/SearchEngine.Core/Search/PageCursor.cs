using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;
using BoxedInt64 = J2N.Numerics.Int64;
using BoxedSingle = J2N.Numerics.Single;

namespace SearchEngine.Core.Search;

/// <summary>
/// The opaque page token: where the previous page ended (its last hit's sort values, so the next
/// page is a search-after, not a re-collection of every earlier hit), how many hits were
/// returned so far, and a fingerprint of the query it belongs to.
/// </summary>
internal sealed record PageCursor(long Returned, object PrimarySortValue, string LastId)
{
    private const byte FormatVersion = 1;

    public FieldDoc ToFieldDoc() =>
        // Doc id MaxValue: a hit whose sort values equal the cursor's (the same id) counts as seen.
        new(int.MaxValue, float.NaN, [PrimarySortValue, new BytesRef(LastId)]);

    public static PageCursor FromLastHit(long returned, FieldDoc lastHit) =>
        new(returned, lastHit.Fields[0], ((BytesRef)lastHit.Fields[1]).Utf8ToString());

    public string Encode(SearchQuery query)
    {
        var id = Encoding.UTF8.GetBytes(LastId);
        var buffer = new byte[1 + 8 + 8 + 8 + id.Length];
        buffer[0] = FormatVersion;
        Fingerprint(query).CopyTo(buffer.AsSpan(1, 8));
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(9), Returned);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(17), PrimarySortValue switch
        {
            BoxedSingle score => BitConverter.SingleToInt32Bits(score.ToSingle()),
            BoxedInt64 millis => millis.ToInt64(),
            _ => throw new InvalidOperationException($"unexpected sort value {PrimarySortValue.GetType()}"),
        });
        id.CopyTo(buffer.AsSpan(25));
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static PageCursor Decode(string token, SearchQuery query)
    {
        byte[] buffer;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            buffer = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw Invalid("it is not a token this service issued");
        }
        if (buffer.Length < 26 || buffer[0] != FormatVersion)
        {
            throw Invalid("it is not a token this service issued");
        }
        if (!buffer.AsSpan(1, 8).SequenceEqual(Fingerprint(query)))
        {
            throw Invalid("it was issued for a different query, filter or sort; start again without a page_token");
        }
        var returned = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(9));
        var raw = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(17));
        object primary = query.Sort == SortOrder.Relevance ? BoxedSingle.GetInstance(BitConverter.Int32BitsToSingle((int)raw)) : BoxedInt64.GetInstance(raw);
        string lastId;
        try
        {
            lastId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 25, buffer.Length - 25);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid("it is not a token this service issued");
        }
        return returned < 0 ? throw Invalid("it is not a token this service issued") : new PageCursor(returned, primary, lastId);
    }

    private static InvalidRequestException Invalid(string why) => new("page_token", $"page_token is not valid: {why}");

    private static byte[] Fingerprint(SearchQuery query)
    {
        var canonical = string.Join('\u001f',
            query.Text,
            query.From?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            query.To?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            query.Sort.ToString(),
            string.Join('\u001e', query.Sources.Order(StringComparer.Ordinal)));
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..8];
    }
}
