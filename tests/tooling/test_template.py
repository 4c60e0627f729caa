"""template.yaml read as data, short tags and all."""

from craftkit_local.template import Intrinsic, load_yaml, parse, resolve_variable, template


def test_short_tags_load_as_intrinsics() -> None:
    document = load_yaml()

    variables = document["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["CRAFTKIT_PROJECTS_TABLE"] == Intrinsic("Ref", "ProjectsTable")


def test_functions_carry_route_handler_and_their_own_variables() -> None:
    functions = {f.logical_id: f for f in template().functions}

    create = functions["CreateProjectFunction"]
    assert (create.route.method, create.route.path) == ("POST", "/v1/projects")  # type: ignore[union-attr]
    assert create.handler == "app.lambda_handler"
    assert create.code_uri.name == "create_project"
    assert create.environment == {
        "CRAFTKIT_IDEMPOTENCY_TABLE": Intrinsic("Ref", "IdempotencyTable")
    }
    assert functions["GetProjectFunction"].environment == {}
    assert (create.memory_mb, create.timeout_s) == (512, 10)


def test_tables_and_gateway_responses_are_exposed() -> None:
    parsed = template()

    assert set(parsed.tables) == {"ProjectsTable", "AccountKeysTable", "IdempotencyTable"}
    assert "MISSING_AUTHENTICATION_TOKEN" in parsed.gateway_responses
    assert parsed.stage_name == "v1stage"


def test_ref_to_a_table_resolves_to_its_local_name() -> None:
    names = {"ProjectsTable": "local-projects"}

    assert resolve_variable(Intrinsic("Ref", "ProjectsTable"), names) == "local-projects"
    assert resolve_variable("INFO", names) == "INFO"


def test_a_function_without_an_api_event_has_no_route() -> None:
    parsed = parse(
        {
            "Resources": {
                "Worker": {
                    "Type": "AWS::Serverless::Function",
                    "Properties": {"CodeUri": "functions/worker/", "Handler": "app.handler"},
                }
            }
        }
    )

    assert parsed.functions[0].route is None
