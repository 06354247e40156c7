using OpenTabletop.Tests.Fixtures;

// One PostgreSQL server for the whole run; every test creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]
