package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import no.budstikke.model.Priority;
import no.budstikke.store.OutboxDue;
import org.junit.jupiter.api.Test;

/** Which due notices the senders take: no office more than its share, and a sender always left for URGENT. */
class LanesTest {

    private static OutboxDue due(String id, String office, Priority priority) {
        return new OutboxDue(id, office, priority);
    }

    private static void startAll(Lanes lanes, List<OutboxDue> due, List<String> picked) {
        for (OutboxDue d : due) {
            if (picked.contains(d.noticeId())) lanes.start(d.officeId(), d.priority());
        }
    }

    @Test
    void aBacklogToOneOfficeTakesNoMoreThanItsShareAndTheOthersGetTheRest() {
        Lanes lanes = new Lanes(8, 1, 2);
        List<OutboxDue> due = new ArrayList<>();
        for (int i = 0; i < 10; i++) due.add(due("slow-" + i, "slow", Priority.NORMAL));
        due.add(due("a-1", "a", Priority.NORMAL));
        due.add(due("b-1", "b", Priority.NORMAL));

        List<String> picked = lanes.pick(due);

        assertThat(picked).containsExactly("slow-0", "slow-1", "a-1", "b-1");
        startAll(lanes, due, picked);
        assertThat(lanes.sending("slow")).isEqualTo(2);
        assertThat(lanes.busyOffices()).containsExactly("slow");
        assertThat(lanes.free()).isEqualTo(4);
    }

    @Test
    void routineNoticesLeaveTheUrgentSendersFree() {
        Lanes lanes = new Lanes(4, 1, 4);
        List<OutboxDue> routine = List.of(due("n1", "a", Priority.NORMAL), due("n2", "b", Priority.HIGH), due("n3", "c", Priority.NORMAL),
                due("n4", "d", Priority.NORMAL));

        List<String> picked = lanes.pick(routine);
        startAll(lanes, routine, picked);

        assertThat(picked).as("three of four senders for routine notices").containsExactly("n1", "n2", "n3");
        assertThat(lanes.pick(List.of(due("n4", "d", Priority.NORMAL)))).as("the last sender is not for routine notices").isEmpty();
        assertThat(lanes.pick(List.of(due("u1", "e", Priority.URGENT)))).as("it is for an URGENT one").containsExactly("u1");
    }

    @Test
    void anUrgentNoticeTakesOneSenderMoreThanItsOfficesShare() {
        Lanes lanes = new Lanes(8, 1, 2);
        List<OutboxDue> routine = List.of(due("n1", "a", Priority.NORMAL), due("n2", "a", Priority.NORMAL));
        startAll(lanes, routine, lanes.pick(routine));

        List<OutboxDue> more = List.of(due("n3", "a", Priority.NORMAL), due("u1", "a", Priority.URGENT), due("u2", "a", Priority.URGENT));

        assertThat(lanes.pick(more)).as("one URGENT beside the office's two routine notices, no more").containsExactly("u1");
    }

    @Test
    void aFinishedSenderIsFreeForTheNextNoticeOfItsOffice() {
        Lanes lanes = new Lanes(4, 0, 1);
        lanes.start("a", Priority.NORMAL);
        assertThat(lanes.pick(List.of(due("n2", "a", Priority.NORMAL)))).isEmpty();
        assertThat(lanes.busyOffices()).containsExactly("a");

        lanes.finish("a", Priority.NORMAL);

        assertThat(lanes.busyOffices()).isEmpty();
        assertThat(lanes.pick(List.of(due("n2", "a", Priority.NORMAL)))).containsExactly("n2");
        assertThat(lanes.sending()).isZero();
    }

    @Test
    void noMoreArePickedThanThereAreFreeSenders() {
        Lanes lanes = new Lanes(2, 0, 2);
        List<OutboxDue> due = List.of(due("u1", "a", Priority.URGENT), due("u2", "b", Priority.URGENT), due("u3", "c", Priority.URGENT));

        assertThat(lanes.pick(due)).containsExactly("u1", "u2");
        assertThat(lanes.pick(due)).as("picking takes nothing until started").containsExactly("u1", "u2");
        startAll(lanes, due, List.of("u1", "u2"));
        assertThat(lanes.free()).isZero();
        assertThat(lanes.pick(due)).isEmpty();
    }

    @Test
    void lanesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new Lanes(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lanes(4, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lanes(4, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
