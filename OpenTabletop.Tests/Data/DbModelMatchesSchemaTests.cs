using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Data.Entities;
using OpenTabletop.Tests.Fixtures;

using OpenTabletop.Tests.Support;

namespace OpenTabletop.Tests.Data;

/// <summary>
/// The SQL migrations own the schema and EF only maps onto it, so nothing else notices when the two
/// drift apart. These tests migrate a fresh database and hold the EF model against its catalogue.
/// </summary>
public sealed partial class DbModelMatchesSchemaTests(PostgresFixture postgres)
{
    /// <summary>The migration runner's own bookkeeping; no entity maps it.</summary>
    private static readonly HashSet<string> UnmappedTables = ["schema_migrations"];

    /// <summary>Columns the database declares nullable but the model may treat as required, and why.</summary>
    private static readonly Dictionary<string, string> NullabilityExceptions = new()
    {
        ["games.sort_name"] = "generated from the NOT NULL name column, so never NULL in practice",
    };

    /// <summary>Database foreign keys deliberately not modelled as EF relationships, and why.</summary>
    private static readonly Dictionary<string, string> UnmappedForeignKeys = new()
    {
        ["games(canonical_edition_id)"] = "a game and its canonical edition reference each other; EF cannot order such inserts, the deferred FK checks the id at commit",
    };

    /// <summary>Columns the database maintains (generated columns and trigger-kept ones); EF must never write them.</summary>
    private static readonly HashSet<string> DatabaseMaintainedColumns =
        ["games.sort_name", "games.search_vector", "games.search_alternate_names",
         "mechanics.code", "themes.code", "categories.code"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryTableIsMappedByExactlyOneEntity()
    {
        var (model, catalog) = await LoadAsync();
        var tables = MappedTables(model);

        var dbTables = catalog.Columns.Select(c => c.Table).Where(t => !UnmappedTables.Contains(t)).ToHashSet();
        var efTables = tables.Select(t => t.Name).ToHashSet();

        AssertNoProblems(dbTables.Except(efTables).Order().Select(t => $"{t}: no entity maps this table"));
        AssertNoProblems(efTables.Except(dbTables).Order().Select(t => $"{t}: mapped, but the database has no such table"));
        Assert.All(tables, t => Assert.True(t.EntityTypeMappings.Count() == 1,
            $"{t.Name} is mapped by {string.Join(", ", t.EntityTypeMappings.Select(m => m.TypeBase.DisplayName()))}"));
        Assert.All(model.GetEntityTypes(), e => Assert.False(e.GetTableName() is null, $"{e.DisplayName()} is not mapped to a table"));
        Assert.All(tables, t => Assert.True(t.Schema is null or "public", $"{t.Name} is mapped to schema {t.Schema}"));
    }

    [Fact]
    public async Task EveryMappedColumnExistsWithACompatibleTypeAndNullability()
    {
        var (model, catalog) = await LoadAsync();
        var dbColumns = catalog.Columns.ToDictionary(c => $"{c.Table}.{c.Column}");
        var problems = new List<string>();

        foreach (var table in MappedTables(model))
        {
            foreach (var column in table.Columns)
            {
                var key = $"{table.Name}.{column.Name}";
                if (!dbColumns.TryGetValue(key, out var db))
                {
                    problems.Add($"{key}: no such column (mapped from {string.Join(", ", column.PropertyMappings.Select(p => p.Property.Name))})");
                    continue;
                }
                var efType = StripFacets(column.StoreType);
                if (!TypesCompatible(efType, db.Type))
                {
                    problems.Add($"{key}: model type {column.StoreType}, database type {db.Type}");
                }
                if (column.IsNullable != !db.NotNull && !(db.NotNull is false && NullabilityExceptions.ContainsKey(key)))
                {
                    problems.Add($"{key}: model {(column.IsNullable ? "nullable" : "required")}, database {(db.NotNull ? "NOT NULL" : "nullable")}");
                }
            }
        }

        AssertNoProblems(problems);
    }

    [Fact]
    public async Task EveryColumnIsMappedAndNoRequiredColumnIsLeftOut()
    {
        var (model, catalog) = await LoadAsync();
        var mapped = MappedTables(model).SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")).ToHashSet();
        var dbColumns = catalog.Columns.Where(c => !UnmappedTables.Contains(c.Table)).ToList();

        // The rule that matters for inserts: a NOT NULL column without a default must be written by EF.
        var requiredButUnmapped = dbColumns
            .Where(c => c.NotNull && !c.HasDefault && !mapped.Contains($"{c.Table}.{c.Column}"))
            .Select(c => $"{c.Table}.{c.Column}");
        AssertNoProblems(requiredButUnmapped.Select(c => $"{c}: NOT NULL without a default, but not mapped"));

        // And nothing else is left out either: the whole schema is reachable through the model.
        AssertNoProblems(dbColumns.Select(c => $"{c.Table}.{c.Column}").Except(mapped).Order().Select(c => $"{c}: not mapped"));
    }

    [Fact]
    public async Task KeysAndForeignKeysMatchTheDatabase()
    {
        var (model, catalog) = await LoadAsync();
        var tables = MappedTables(model);
        var problems = new List<string>();

        foreach (var table in tables)
        {
            var efKey = table.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [];
            var dbKey = catalog.PrimaryKeys.GetValueOrDefault(table.Name) ?? [];
            if (!efKey.SequenceEqual(dbKey))
            {
                problems.Add($"{table.Name}: model key ({string.Join(", ", efKey)}), database key ({string.Join(", ", dbKey)})");
            }
        }

        var efForeignKeys = tables
            .SelectMany(t => t.ForeignKeyConstraints.Select(fk => new ForeignKeyInfo(
                t.Name,
                [.. fk.Columns.Select(c => c.Name)],
                fk.PrincipalTable.Name,
                [.. fk.PrincipalColumns.Select(c => c.Name)],
                fk.OnDeleteAction == ReferentialAction.Cascade)))
            .ToDictionary(fk => fk.Describe());
        var dbForeignKeys = catalog.ForeignKeys.ToDictionary(fk => fk.Describe());

        foreach (var (name, db) in dbForeignKeys)
        {
            if (!efForeignKeys.TryGetValue(name, out var ef))
            {
                if (!UnmappedForeignKeys.ContainsKey($"{db.Table}({string.Join(", ", db.Columns)})"))
                {
                    problems.Add($"{name}: database foreign key without an EF relationship");
                }
            }
            else if (ef.Cascade != db.Cascade)
            {
                problems.Add($"{name}: ON DELETE {(db.Cascade ? "CASCADE" : "NO ACTION")} in the database, {(ef.Cascade ? "Cascade" : "not Cascade")} in the model");
            }
        }
        problems.AddRange(efForeignKeys.Keys.Except(dbForeignKeys.Keys).Select(name => $"{name}: EF relationship without a database foreign key"));

        AssertNoProblems(problems);
    }

    [Fact]
    public async Task ColumnsTheDatabaseMaintainsAreNeverWritten()
    {
        var (model, catalog) = await LoadAsync();
        var generated = catalog.Columns.Where(c => c.Generated).Select(c => $"{c.Table}.{c.Column}").ToList();
        Assert.Subset(DatabaseMaintainedColumns, generated.ToHashSet());

        foreach (var table in MappedTables(model))
        {
            foreach (var column in table.Columns.Where(c => DatabaseMaintainedColumns.Contains($"{table.Name}.{c.Name}")))
            {
                Assert.All(column.PropertyMappings, m =>
                {
                    Assert.Equal(PropertySaveBehavior.Ignore, m.Property.GetBeforeSaveBehavior());
                    Assert.Equal(PropertySaveBehavior.Ignore, m.Property.GetAfterSaveBehavior());
                });
            }
        }
    }

    [Fact]
    public async Task EveryEntityHasADbSet()
    {
        await using var db = CreateContext("Host=unused");
        var setTypes = DbSetProperties().Select(p => p.PropertyType.GetGenericArguments()[0]).ToHashSet();
        var entityTypes = db.Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet();
        AssertNoProblems(entityTypes.Except(setTypes).Select(t => $"{t.Name}: no DbSet on {nameof(OpenTabletopDbContext)}").Order());
    }

    [Fact]
    public async Task AGameAndItsRelatedRowsRoundTrip()
    {
        var connectionString = await CreateMigratedDatabaseAsync();
        var baseId = Guid.CreateVersion7();
        var expansionId = Guid.CreateVersion7();
        var editionId = Guid.CreateVersion7();
        var mechanicId = Guid.CreateVersion7();
        var keyId = Guid.CreateVersion7();
        var runId = Guid.CreateVersion7();
        var stepStarted = new DateTime(2025, 3, 1, 12, 30, 15, 250, DateTimeKind.Utc);

        await using (var db = CreateContext(connectionString))
        {
            var mechanic = new Mechanic { Id = mechanicId, Slug = "worker-placement", Name = "Worker Placement", Synonyms = ["action drafting"], BggIds = [2082] };
            var game = new Game
            {
                Id = baseId,
                Slug = "the-castles-of-burgundy",
                Name = "The Castles of Burgundy",
                Type = "base_game",
                MinPlayers = 1,
                MaxPlayers = 4,
                Weight = 2.985m,
                RatingDistribution = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                TopPlayerCounts = [2],
                RankByCategory = new() { ["strategy"] = 12, ["family"] = 3 },
                CanonicalEditionId = editionId, // a deferred FK: the edition is inserted after the game
            };
            game.Mechanics.Add(mechanic);
            game.AlternateNames.Add(new AlternateName { Id = Guid.CreateVersion7(), Name = "Die Burgen von Burgund", Language = "de" });
            game.Editions.Add(new GameEdition
            {
                Id = editionId,
                Name = "First edition",
                ReleaseDate = new DateOnly(2011, 10, 1),
                IsCanonical = true,
                ProductCodes = [new ProductCode { Type = "ean", Code = "4015566018075" }, new ProductCode { Type = "sku", Code = "AL-01807" }],
                Dimensions = new BoxDimensions { Length = 30.0m, Width = 30.0m, Height = 7.2m, Unit = "cm" },
                BoxWeight = new BoxWeight { Value = 1.4m, Unit = "kg" },
            });
            var expansion = new Game { Id = expansionId, Slug = "tcob-expansion", Name = "A Burgundy Expansion", Type = "expansion", ParentGameId = baseId };
            db.AddRange(game, expansion);
            db.GameRelationships.Add(new GameRelationship
            {
                SourceGameId = baseId,
                TargetGameId = expansionId,
                RelationshipType = "expands",
                Metadata = new() { ["adds_components"] = JsonSerializer.SerializeToElement(true), ["notes"] = JsonSerializer.SerializeToElement("More tiles.") },
            });
            db.GameSnapshots.Add(new GameSnapshot { GameId = baseId, SnapshotDate = new DateOnly(2025, 3, 1), RankByCategory = new() { ["strategy"] = 14 } });
            db.ApiKeys.Add(new ApiKey { Id = keyId, KeyHash = [1, 2, 3, 250], KeyPrefix = "ott_abcd", Owner = "tests", Scopes = ["read", "write"] });
            db.RatingVotes.Add(new RatingVote { Id = Guid.CreateVersion7(), GameId = baseId, Rating = 8.5m, DeclaredScale = 10, ApiKeyId = keyId });
            db.MaterializationRuns.Add(new MaterializationRun
            {
                Id = runId,
                Trigger = "request",
                Steps = [new MaterializationStep { Step = "aggregates", StartedAt = stepStarted, DurationMs = 42, Rows = 2 }],
            });
            await db.SaveChangesAsync(Ct);

            Assert.Equal("castles of burgundy", game.SortName); // read back after the insert
            Assert.NotEqual(default, game.CreatedAt);
        }

        await using (var db = CreateContext(connectionString))
        {
            var game = await db.Games.AsNoTracking().AsSplitQuery()
                .Include(g => g.Mechanics)
                .Include(g => g.AlternateNames)
                .Include(g => g.Editions)
                .Include(g => g.Expansions)
                .Include(g => g.OutgoingRelationships)
                .Include(g => g.Snapshots)
                .SingleAsync(g => g.Id == baseId, Ct);

            Assert.Equal("castles of burgundy", game.SortName);
            Assert.Equal("Die Burgen von Burgund", game.SearchAlternateNames); // kept by the trigger
            Assert.NotNull(game.SearchVector);
            Assert.Equal("active", game.Status);
            Assert.Equal(DateTimeKind.Utc, game.CreatedAt.Kind);
            Assert.InRange(game.CreatedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
            Assert.Equal(2.985m, game.Weight);
            Assert.Equal(editionId, game.CanonicalEditionId);
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], game.RatingDistribution!);
            Assert.Equal([2], game.TopPlayerCounts!);
            Assert.Equal(new Dictionary<string, int> { ["strategy"] = 12, ["family"] = 3 }, game.RankByCategory);

            var mechanic = Assert.Single(game.Mechanics);
            Assert.Equal(["action drafting"], mechanic.Synonyms);
            Assert.Equal([2082], mechanic.BggIds);

            var edition = Assert.Single(game.Editions);
            Assert.Equal(new DateOnly(2011, 10, 1), edition.ReleaseDate);
            Assert.Equal([new ProductCode { Type = "ean", Code = "4015566018075" }, new ProductCode { Type = "sku", Code = "AL-01807" }], edition.ProductCodes);
            Assert.Equal(new BoxDimensions { Length = 30.0m, Width = 30.0m, Height = 7.2m, Unit = "cm" }, edition.Dimensions);
            Assert.Equal(new BoxWeight { Value = 1.4m, Unit = "kg" }, edition.BoxWeight);

            Assert.Equal(expansionId, Assert.Single(game.Expansions).Id);
            var relationship = Assert.Single(game.OutgoingRelationships);
            Assert.True(relationship.Metadata["adds_components"].GetBoolean());
            Assert.Equal("More tiles.", relationship.Metadata["notes"].GetString());
            Assert.Equal(new Dictionary<string, int> { ["strategy"] = 14 }, Assert.Single(game.Snapshots).RankByCategory);

            var key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == keyId, Ct);
            Assert.Equal([1, 2, 3, 250], key.KeyHash);
            Assert.Equal(["read", "write"], key.Scopes);
            Assert.NotEqual(default, key.NotBefore);

            var vote = await db.RatingVotes.AsNoTracking().Include(v => v.ApiKey).SingleAsync(Ct);
            Assert.Equal(8.5m, vote.Rating);
            Assert.Equal((short)10, vote.DeclaredScale);
            Assert.Equal("ott_abcd", vote.ApiKey?.KeyPrefix);

            var run = await db.MaterializationRuns.AsNoTracking().SingleAsync(r => r.Id == runId, Ct);
            Assert.Equal("queued", run.Status);
            var step = Assert.Single(run.Steps);
            Assert.Equal("aggregates", step.Step);
            Assert.Equal(stepStarted, step.StartedAt);
            Assert.Equal(DateTimeKind.Utc, step.StartedAt.Kind);
            Assert.Equal(42, step.DurationMs);
            Assert.Equal(2, step.Rows);
        }

        // The JSON documents use the spec's snake_case member names.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal("""[{"code": "4015566018075", "type": "ean"}, {"code": "AL-01807", "type": "sku"}]""",
                await ScalarAsync(connection, "SELECT product_codes::text FROM game_editions WHERE id = $1", editionId));
            Assert.Equal("""{"unit": "cm", "width": 30.0, "height": 7.2, "length": 30.0}""",
                await ScalarAsync(connection, "SELECT dimensions::text FROM game_editions WHERE id = $1", editionId));
            Assert.Equal("""{"unit": "kg", "value": 1.4}""",
                await ScalarAsync(connection, "SELECT box_weight::text FROM game_editions WHERE id = $1", editionId));
            Assert.Equal("""{"notes": "More tiles.", "adds_components": true}""",
                await ScalarAsync(connection, "SELECT metadata::text FROM game_relationships"));
            Assert.Equal("""{"family": 3, "strategy": 12}""",
                await ScalarAsync(connection, "SELECT rank_by_category::text FROM games WHERE id = $1", baseId));
            Assert.Equal("duration_ms,rows,started_at,step",
                await ScalarAsync(connection, "SELECT string_agg(k, ',' ORDER BY k) FROM materialization_runs, jsonb_array_elements(steps) e, jsonb_object_keys(e) k WHERE id = $1", runId));
        }
    }

    [Fact]
    public async Task EveryDbSetCanBeQueried()
    {
        var connectionString = await CreateMigratedDatabaseAsync();
        await using var db = CreateContext(connectionString);
        var queryOne = typeof(DbModelMatchesSchemaTests).GetMethod(nameof(QueryOneAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

        foreach (var property in DbSetProperties())
        {
            var entityType = property.PropertyType.GetGenericArguments()[0];
            var query = (Task)queryOne.MakeGenericMethod(entityType).Invoke(null, [property.GetValue(db)])!;
            await query;
        }
    }

    private static void AssertNoProblems(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{list.Count} mismatch(es) between the EF model and the migrated schema:{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
    }

    private static Task<List<T>> QueryOneAsync<T>(DbSet<T> set) where T : class =>
        set.AsNoTracking().Take(1).ToListAsync(Ct);

    private static IEnumerable<PropertyInfo> DbSetProperties() =>
        typeof(OpenTabletopDbContext).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>));

    private static OpenTabletopDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<OpenTabletopDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            // Any model-building warning (say, a shadow foreign key from a miswired relationship) fails the tests.
            .ConfigureWarnings(w => w.Default(WarningBehavior.Throw).Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning))
            .Options);

    private async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync(Ct);
        await TestDatabases.MigrateAsync(connectionString, Ct);
        return connectionString;
    }

    private async Task<(IModel Model, Catalog Catalog)> LoadAsync()
    {
        var connectionString = await CreateMigratedDatabaseAsync();
        await using var db = CreateContext(connectionString);
        // The design-time model keeps every annotation the relational model is built from.
        var model = db.GetService<IDesignTimeModel>().Model;
        return (model, await Catalog.ReadAsync(connectionString));
    }

    private static List<ITable> MappedTables(IModel model) => [.. model.GetRelationalModel().Tables];

    private static string StripFacets(string storeType) => FacetsPattern().Replace(storeType, "");

    private static bool TypesCompatible(string model, string database) =>
        model == database
        || (model == "text" && database is "character varying" or "character")
        || (model == "text[]" && database == "character varying[]");

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, Guid? id = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value) command.Parameters.AddWithValue(value);
        return (string?)await command.ExecuteScalarAsync(Ct);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex FacetsPattern();

    private sealed record ColumnInfo(string Table, string Column, string Type, bool NotNull, bool HasDefault, bool Generated);

    private sealed record ForeignKeyInfo(string Table, string[] Columns, string PrincipalTable, string[] PrincipalColumns, bool Cascade)
    {
        public string Describe() => $"{Table}({string.Join(", ", Columns)}) -> {PrincipalTable}({string.Join(", ", PrincipalColumns)})";
    }

    private sealed record Catalog(List<ColumnInfo> Columns, Dictionary<string, string[]> PrimaryKeys, List<ForeignKeyInfo> ForeignKeys)
    {
        public static async Task<Catalog> ReadAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);

            var columns = new List<ColumnInfo>();
            await using (var command = new NpgsqlCommand("""
                SELECT c.relname, a.attname, format_type(a.atttypid, NULL), a.attnotnull, a.atthasdef, a.attgenerated <> ''
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    columns.Add(new ColumnInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5)));
                }
            }

            var primaryKeys = new Dictionary<string, string[]>();
            var foreignKeys = new List<ForeignKeyInfo>();
            await using (var command = new NpgsqlCommand("""
                SELECT con.contype::text, c.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                       p.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
                       con.confdeltype = 'c'
                  FROM pg_constraint con
                  JOIN pg_class c ON c.oid = con.conrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_class p ON p.oid = con.confrelid
                 WHERE n.nspname = 'public' AND con.contype IN ('p', 'f')
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    var table = reader.GetString(1);
                    var keyColumns = reader.GetFieldValue<string[]>(2);
                    if (reader.GetString(0) == "p")
                    {
                        primaryKeys[table] = keyColumns;
                    }
                    else
                    {
                        foreignKeys.Add(new ForeignKeyInfo(table, keyColumns, reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetBoolean(5)));
                    }
                }
            }
            return new Catalog(columns, primaryKeys, foreignKeys);
        }
    }
}
