"""Members of the working group, invitations, roles, schools and the platform admin."""

import re
from datetime import timedelta

from app import db
from tests.conftest import PASSWORD
from workgroup import services
from workgroup.models import (
    AuditEvent,
    Function,
    Invitation,
    Membership,
    Role,
    School,
    User,
    WorkgroupMember,
)

LINK = re.compile(r'value="(http://localhost/invite/[^"]+)"')


def _demo_school():
    return db.session.scalar(db.select(School).where(School.is_demo.is_(True)))


def test_representation_check_names_who_is_missing(app, chair, ctx):
    html = chair.get("/years/2026/members").get_data(as_text=True)
    assert "representation--complete" in html
    school = _demo_school()
    cycle = services.get_cycle(school, 2026)
    for member in list(cycle.members):
        if member.function in (Function.pupil, Function.coordinator):
            db.session.delete(member)
    db.session.commit()
    missing = services.missing_functions(services.members_of(cycle))
    assert missing == [Function.pupil, Function.coordinator]
    html = chair.get("/years/2026/members").get_data(as_text=True)
    assert "Ontbreekt nog:" in html
    assert "leerling" in html and "anti-pestcoördinator" in html


def test_chair_adds_a_pupil_without_login(app, chair):
    response = chair.post(
        "/years/2026/members/new",
        data={"display_name": "Noor (groep 6)", "function": "pupil", "motive": "Ik wil helpen."},
    )
    assert response.status_code == 302
    with app.app_context():
        member = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Noor (groep 6)")
        )
        assert member.function is Function.pupil and member.user_id is None
        assert db.session.scalar(
            db.select(AuditEvent).where(
                AuditEvent.action == "add_member", AuditEvent.object_id == member.id
            )
        )


def test_member_form_refuses_empty_name_and_unknown_function(app, chair):
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(WorkgroupMember.id)))
    for data in (
        {"display_name": "", "function": "parent"},
        {"display_name": "X", "function": "king"},
    ):
        assert chair.post("/years/2026/members/new", data=data).status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(WorkgroupMember.id))) == before


def test_chair_edits_and_removes_a_member_after_confirmation(app, chair):
    with app.app_context():
        pieter = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Pieter Hoekstra")
        ).id
    chair.post(
        f"/years/2026/members/{pieter}/edit",
        data={"display_name": "Pieter Hoekstra", "function": "parent", "motive": "MR-lid"},
    )
    with app.app_context():
        assert db.session.get(WorkgroupMember, pieter).motive == "MR-lid"
    ask = chair.post(f"/years/2026/members/{pieter}/delete")
    assert ask.status_code == 200
    with app.app_context():
        assert db.session.get(WorkgroupMember, pieter) is not None
    chair.post(f"/years/2026/members/{pieter}/delete", data={"confirm": "yes"})
    with app.app_context():
        assert db.session.get(WorkgroupMember, pieter) is None


def test_member_invite_link_works_once_and_links_the_member(app, chair, client):
    with app.app_context():
        fatma = db.session.scalar(
            db.select(WorkgroupMember).where(WorkgroupMember.display_name == "Fatma Yilmaz")
        ).id
    html = chair.post(
        f"/years/2026/members/{fatma}/invite", data={"email": "Fatma@Example.nl"}
    ).get_data(as_text=True)
    link = LINK.search(html).group(1)
    path = link.removeprefix("http://localhost")
    page = client.get(path).get_data(as_text=True)
    assert "Fatma Yilmaz" in page  # the name is prefilled
    short = client.post(path, data={"display_name": "Fatma", "password": "kort", "confirm": "kort"})
    assert short.status_code == 422
    ok = client.post(path, data={"display_name": "Fatma Yilmaz", "password": PASSWORD,
                                 "confirm": PASSWORD})  # fmt: skip
    assert ok.status_code == 302
    assert client.get("/years/2026/").status_code == 200
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "fatma@example.nl"))
        assert db.session.get(WorkgroupMember, fatma).user_id == user.id
        membership = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
        assert membership.role is Role.member
    again = app.test_client().get(path)
    assert again.status_code == 404


def test_expired_invitation_does_not_work(app, client, demo):
    with app.test_request_context():
        school = _demo_school()
        invitation, token = services.create_invitation(
            school, email="laat@example.nl", role=Role.member, created_by=None
        )
        invitation.expires_at -= timedelta(days=15)
        db.session.commit()
    assert client.get(f"/invite/{token}").status_code == 404
    response = client.post(
        f"/invite/{token}", data={"display_name": "x", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(User).where(User.email == "laat@example.nl")) is None


def test_token_is_stored_only_as_a_hash(app, chair):
    html = chair.post(
        "/people", data={"email": "nieuw@example.nl", "display_name": "Nieuw", "role": "director"}
    ).get_data(as_text=True)
    token = LINK.search(html).group(1).rsplit("/", 1)[1]
    with app.app_context():
        invitation = db.session.scalar(
            db.select(Invitation).where(Invitation.email == "nieuw@example.nl")
        )
        assert token not in invitation.token_hash
        assert invitation.expires_at - invitation.created_at >= timedelta(days=13, hours=23)


def test_existing_user_joins_a_second_school_and_switches(app, chair, other_chair):
    html = other_chair.post(
        "/people", data={"email": "leerkracht@example.nl", "role": "member"}
    ).get_data(as_text=True)
    path = LINK.search(html).group(1).removeprefix("http://localhost")
    teacher = app.test_client()
    teacher.login("leerkracht@example.nl")
    assert teacher.post(path).status_code == 302
    # now in two schools: the switch page lists both, and switching changes the data shown
    page = teacher.get("/schools").get_data(as_text=True)
    assert "OBS De Regenboog (demo)" in page and "Basisschool Het Kompas" in page
    with app.app_context():
        demo_id = _demo_school().id
    teacher.post("/schools", data={"school_id": str(demo_id)})
    assert "Samira El Idrissi" in teacher.get("/years/2026/members").get_data(as_text=True)
    with app.app_context():
        kompas_id = db.session.scalar(
            db.select(School.id).where(School.name == "Basisschool Het Kompas")
        )
    teacher.post("/schools", data={"school_id": str(kompas_id)})
    assert "Samira El Idrissi" not in teacher.get("/years/2026/members").get_data(as_text=True)


def test_switching_to_a_school_you_are_not_in_is_refused(app, member):
    with app.app_context():
        kompas_id = db.session.scalar(
            db.select(School.id).where(School.name == "Basisschool Het Kompas")
        )
    assert member.post("/schools", data={"school_id": str(kompas_id)}).status_code == 404


def test_invitation_for_someone_already_in_the_school_is_refused(chair):
    response = chair.post("/people", data={"email": "ouder@example.nl", "role": "member"})
    assert response.status_code == 422
    assert "Deze persoon heeft al toegang tot deze school." in response.get_data(as_text=True)


def test_last_chair_cannot_step_down(app, chair):
    with app.app_context():
        own = db.session.scalar(
            db.select(Membership).join(User).where(User.email == "voorzitter@example.nl")
        ).id
    chair.post(f"/people/{own}/role", data={"role": "member"})
    with app.app_context():
        assert db.session.get(Membership, own).role is Role.chair


def test_chair_changes_a_role_and_removes_access(app, chair):
    with app.app_context():
        teacher = db.session.scalar(
            db.select(Membership).join(User).where(User.email == "leerkracht@example.nl")
        ).id
    chair.post(f"/people/{teacher}/role", data={"role": "chair"})
    with app.app_context():
        assert db.session.get(Membership, teacher).role is Role.chair
    chair.post(f"/people/{teacher}/remove", data={"confirm": "yes"})
    with app.app_context():
        assert db.session.get(Membership, teacher) is None
        assert db.session.scalar(db.select(User).where(User.email == "leerkracht@example.nl"))


def test_admin_creates_a_school_with_an_invitation_for_its_chair(app, admin):
    html = admin.post(
        "/admin/schools",
        data={"name": "IKC De Sterrenwacht", "chair_email": "sterren@example.nl",
              "chair_name": "Ilse"},
    ).get_data(as_text=True)  # fmt: skip
    path = LINK.search(html).group(1).removeprefix("http://localhost")
    chair = app.test_client()
    chair.post(path, data={"display_name": "Ilse", "password": PASSWORD, "confirm": PASSWORD})
    response = chair.get("/")
    assert response.location.endswith("/welcome")
    duplicate = admin.post(
        "/admin/schools", data={"name": "ikc de sterrenwacht", "chair_email": "x@example.nl"}
    )
    assert duplicate.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(School.id))) == 3


def test_admin_sees_no_school_data(admin):
    assert admin.get("/years/2026/").status_code in (302, 403)
    assert admin.get("/").location.endswith("/admin/schools")


def test_cli_create_school_prints_an_invitation(app, runner):
    result = runner.invoke(
        args=["create-school", "--name", "OBS Het Anker", "--chair-email", "anker@example.nl"]
    )
    assert result.exit_code == 0, result.output
    assert "/invite/" in result.output
    with app.app_context():
        school = db.session.scalar(db.select(School).where(School.name == "OBS Het Anker"))
        assert school is not None
        invitation = db.session.scalar(
            db.select(Invitation).where(Invitation.school_id == school.id)
        )
        assert invitation.role is Role.chair
    again = runner.invoke(
        args=["create-school", "--name", "OBS Het Anker", "--chair-email", "anker@example.nl"]
    )
    assert again.exit_code != 0


def test_seed_demo_is_idempotent(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert "voorzitter@example.nl" in first.output
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(School.id))) == 1
        demo = db.session.scalar(db.select(School))
        roles = {m.user.email: m.role for m in db.session.scalars(db.select(Membership))}
        assert roles == {
            "voorzitter@example.nl": Role.chair,
            "ouder@example.nl": Role.member,
            "leerkracht@example.nl": Role.member,
            "directeur@example.nl": Role.director,
        }
        assert demo.is_demo
        user = db.session.scalar(db.select(User).where(User.email == "ouder@example.nl"))
        assert user.check_password("ldd-demo")
