using System.Text.Json;
using Npgsql;
using OpenTabletop.Data.Entities;

namespace OpenTabletop.Api.Games.Includes;

/// <summary>editions: GameEdition[] in the order of GET /games/{id}/editions (canonical first, then year, name).</summary>
internal static class EditionsInclude
{
    // The jsonb documents are stored with lower-case member names ({type, code}, {length, …}, {value, unit}).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IncludeLoad Create() => new ListIncludeLoad<GameEditionResponse>(
        "SELECT e.game_id, e.id, e.name, e.year_published, e.language, e.release_status, e.release_date, e.is_canonical, " +
        "e.product_codes::text AS product_codes, e.dimensions::text AS dimensions, e.box_weight::text AS box_weight, " +
        "e.image_url, e.thumbnail_url, e.notes, g.slug AS game_slug, g.name AS game_name, " +
        "ARRAY(SELECT ep.publisher_id FROM edition_publishers ep WHERE ep.edition_id = e.id ORDER BY ep.ordinal, ep.publisher_id) AS publisher_ids, " +
        "ARRAY(SELECT ea.person_id FROM edition_artists ea WHERE ea.edition_id = e.id) AS artist_ids " +
        "FROM game_editions e JOIN games g ON g.id = e.game_id " +
        "WHERE e.game_id = ANY($1) ORDER BY e.game_id, e.is_canonical DESC, e.year_published, e.name, e.id",
        Read,
        (game, editions) => game with { Editions = editions });

    private static (Guid, GameEditionResponse) Read(NpgsqlDataReader row)
    {
        T? Value<T>(string column)
        {
            var ordinal = row.GetOrdinal(column);
            return row.IsDBNull(ordinal) ? default : row.GetFieldValue<T>(ordinal);
        }

        var edition = new GameEdition
        {
            Id = row.GetGuid(row.GetOrdinal("id")),
            GameId = row.GetGuid(row.GetOrdinal("game_id")),
            Name = row.GetString(row.GetOrdinal("name")),
            YearPublished = Value<int?>("year_published"),
            Language = Value<string>("language"),
            ReleaseStatus = Value<string>("release_status"),
            ReleaseDate = Value<DateOnly?>("release_date"),
            IsCanonical = row.GetBoolean(row.GetOrdinal("is_canonical")),
            ProductCodes = JsonSerializer.Deserialize<List<ProductCode>>(row.GetString(row.GetOrdinal("product_codes")), Json) ?? [],
            Dimensions = Value<string>("dimensions") is { } dimensions ? JsonSerializer.Deserialize<BoxDimensions>(dimensions, Json) : null,
            BoxWeight = Value<string>("box_weight") is { } weight ? JsonSerializer.Deserialize<BoxWeight>(weight, Json) : null,
            ImageUrl = Value<string>("image_url"),
            ThumbnailUrl = Value<string>("thumbnail_url"),
            Notes = Value<string>("notes"),
        };
        var publishers = row.GetFieldValue<Guid[]>(row.GetOrdinal("publisher_ids"));
        for (var i = 0; i < publishers.Length; i++)
        {
            edition.EditionPublishers.Add(new EditionPublisher { EditionId = edition.Id, PublisherId = publishers[i], Ordinal = i });
        }
        foreach (var artist in row.GetFieldValue<Guid[]>(row.GetOrdinal("artist_ids")))
        {
            edition.EditionArtists.Add(new EditionArtist { EditionId = edition.Id, PersonId = artist });
        }
        var gameHref = $"{GameLinks.Root}/games/{row.GetString(row.GetOrdinal("game_slug"))}";
        return (edition.GameId, edition.ToResponse(gameHref, row.GetString(row.GetOrdinal("game_name"))));
    }
}
