"""Projects: the domain operations behind the five project routes. No AWS code here."""

from typing import Any

from craftkit_projects import ids, ownership, pagination, projects_store, slugs
from craftkit_projects.errors import ConflictError, ContendedError, NotFoundError, SlugTakenError

# Each attempt after the first takes a fresh suffix from the account's counter for the slug's
# stem. The counter also moves past suffixes that names took in order ("Widget 1", then
# "Widget 2"), so a drawn suffix is taken only by a name that took it out of order ("Widget 9"
# before "Widget 1") or by a race. Each such draw doubles the next step (1, 2, 4, ...), so a run
# of up to 127 suffixes held by names is passed within the attempts.
# Limitation: past such a run the suffixes skip numbers (widget-16 after widget-9): unique and
# increasing, not consecutive.
MAX_SLUG_ATTEMPTS = 8

Project = dict[str, Any]


def view(item: dict[str, Any]) -> Project:
    """The public shape of a project."""
    return {
        "id": item["id"],
        "slug": item["slug"],
        "name": item["name"],
        "createdAt": item["createdAt"],
        "updatedAt": item["updatedAt"],
    }


def create_project(account_id: str, name: str) -> Project:
    base = slugs.slugify(name)
    created_at = ids.now()
    project = {
        "id": ids.new_id(),
        "slug": base,
        "name": name,
        "createdAt": created_at,
        "updatedAt": created_at,
    }
    step = 1
    for attempt in range(1, MAX_SLUG_ATTEMPTS + 1):
        try:
            projects_store.insert_project(account_id, project)
        except SlugTakenError:
            if attempt == MAX_SLUG_ATTEMPTS:
                break  # no attempt follows to use a suffix taken now
            if project["slug"] != base:
                step *= 2  # a drawn suffix was taken: jump past the run it may belong to
            number = projects_store.next_slug_number(account_id, slugs.stem(base), step)
            project["slug"] = slugs.with_suffix(base, number)
            continue
        except ContendedError:
            continue  # a concurrent create touched the same slug: try it again
        if project["slug"] == base and (suffixed := slugs.as_suffixed(base)):
            projects_store.note_suffix_taken(account_id, *suffixed)
        return view(project)
    raise ConflictError("Could not reserve a unique slug for this name; retry the request.")


def list_projects(account_id: str, limit: int, after_id: str | None) -> dict[str, Any]:
    items, more = projects_store.list_live_projects(account_id, limit, after_id)
    return pagination.page([view(item) for item in items], more, account_id)


def get_project(account_id: str, project_id: str) -> Project:
    item = projects_store.get_project(account_id, ownership.require_id(project_id))
    if item is None:
        raise NotFoundError()
    return view(item)


def rename_project(account_id: str, project_id: str, name: str) -> Project:
    project_id = ownership.require_id(project_id)
    return view(projects_store.rename_project(account_id, project_id, name, ids.now()))


def delete_project(account_id: str, project_id: str) -> dict[str, Any]:
    project_id = ownership.require_id(project_id)
    projects_store.soft_delete_project(account_id, project_id, ids.now())
    return {"id": project_id, "deleted": True}
