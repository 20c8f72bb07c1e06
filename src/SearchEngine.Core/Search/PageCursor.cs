using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;
using BoxedInt64 = J2N.Numerics.Int64;
using BoxedSingle = J2N.Numerics.Single;

namespace SearchEngine.Core.Search;

/// <summary>
/// The opaque page token: the point-in-time view the walk reads (the index's instance and the
/// reader version), a fingerprint of the query, filters and sort it belongs to, and the sort
/// values of the previous page's last hit, so that the next page is a search-after that keeps
/// only a page of hits however deep it is. An HMAC over all of it makes any change detectable.
/// The walk's clock (the first page's "now") rides along, so freshness scores every page alike.
/// Layout: format (1) | instance (8) | version (8) | fingerprint (16) | primary sort value (8) | now (8) | last id (UTF-8) | MAC (16).
/// </summary>
internal sealed record PageCursor(long InstanceId, long ReaderVersion, object PrimarySortValue, long NowMillis, string LastId)
{
    private const byte FormatVersion = 3;
    private const int FingerprintLength = 16;
    private const int NowOffset = 1 + 8 + 8 + FingerprintLength + 8;
    private const int HeaderLength = NowOffset + 8;
    private const string StartAgain = "start again without a page_token";

    /// <summary>The last hit as Lucene's search-after position.</summary>
    public FieldDoc After =>
        // Doc id MaxValue: a hit whose sort values equal the cursor's (the same id) counts as seen.
        new(int.MaxValue, float.NaN, [PrimarySortValue, new BytesRef(LastId)]);

    public static PageCursor AfterHit(long instanceId, long readerVersion, FieldDoc lastHit, long nowMillis) =>
        new(instanceId, readerVersion, lastHit.Fields[0], nowMillis, ((BytesRef)lastHit.Fields[1]).Utf8ToString());

    /// <summary>
    /// What a token is bound to: the query and filters as Lucene will run them, the sort, and
    /// the request's other ranking inputs (<paramref name="ranking"/>). Everything that decides
    /// which hits there are or their order must show in these strings.
    /// </summary>
    public static byte[] Fingerprint(Query query, Filter? filter, Sort sort, string ranking) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', query.ToString(), filter?.ToString() ?? "", sort.ToString(), ranking)))[..FingerprintLength];

    public string Encode(PageTokenSigner signer, byte[] fingerprint)
    {
        var id = Encoding.UTF8.GetBytes(LastId);
        var buffer = new byte[HeaderLength + id.Length + PageTokenSigner.MacLength];
        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(1), InstanceId);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(9), ReaderVersion);
        fingerprint.CopyTo(buffer.AsSpan(17, FingerprintLength));
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(17 + FingerprintLength), PrimarySortValue switch
        {
            BoxedSingle score => BitConverter.SingleToInt32Bits(score.ToSingle()),
            BoxedInt64 millis => millis.ToInt64(),
            _ => throw new InvalidOperationException($"unexpected sort value {PrimarySortValue.GetType()}"),
        });
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(NowOffset), NowMillis);
        id.CopyTo(buffer.AsSpan(HeaderLength));
        var payloadLength = buffer.Length - PageTokenSigner.MacLength;
        signer.Sign(buffer.AsSpan(0, payloadLength)).CopyTo(buffer.AsSpan(payloadLength));
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static PageCursor Decode(string token, PageTokenSigner signer, byte[] fingerprint, SortOrder sort)
    {
        byte[] buffer;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            buffer = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw NotIssued();
        }
        var payloadLength = buffer.Length - PageTokenSigner.MacLength;
        if (payloadLength <= HeaderLength || !signer.Verify(buffer.AsSpan(0, payloadLength), buffer.AsSpan(payloadLength)))
        {
            throw NotIssued();
        }
        if (buffer[0] != FormatVersion)
        {
            throw Invalid($"it was issued by an earlier version of the service; {StartAgain}");
        }
        if (!buffer.AsSpan(17, FingerprintLength).SequenceEqual(fingerprint))
        {
            throw Invalid($"it was issued for a different query, filter or sort; {StartAgain}");
        }
        var instanceId = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(1));
        var readerVersion = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(9));
        var raw = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(17 + FingerprintLength));
        var nowMillis = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(NowOffset));
        object primary = sort == SortOrder.Relevance ? BoxedSingle.GetInstance(BitConverter.Int32BitsToSingle((int)raw)) : BoxedInt64.GetInstance(raw);
        // Signed by us, so the id is the UTF-8 we wrote.
        var lastId = Encoding.UTF8.GetString(buffer, HeaderLength, payloadLength - HeaderLength);
        return new PageCursor(instanceId, readerVersion, primary, nowMillis, lastId);
    }

    /// <summary>A relevance walk whose view is gone cannot go on: its scores would come from other statistics.</summary>
    public static InvalidRequestException Expired(TimeSpan keepAlive) => Invalid(
        $"the snapshot of the index it pages through has been released (a walk by relevance reads one snapshot, kept {keepAlive.TotalMinutes:0.#} minutes after its last page and not across a restart); {StartAgain}");

    private static InvalidRequestException NotIssued() =>
        Invalid($"it was not issued by this index or has been altered; {StartAgain}");

    private static InvalidRequestException Invalid(string why) => new("page_token", $"page_token is not valid: {why}");
}
